/** Small pieces the feature packages share (database dialect, clock). */
package org.aftersaleshub.support;
