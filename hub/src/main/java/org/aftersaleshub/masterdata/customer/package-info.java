/** Customers (客户) and their contacts: REST API, repository and import target. */
package org.aftersaleshub.masterdata.customer;
