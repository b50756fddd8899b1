/** The customer 360° overview (客户全景): one call with everything the hub knows about a customer. */
package org.aftersaleshub.masterdata.overview;
