/**
 * Excel / CSV import of master data: the {@link org.aftersaleshub.imports.ImportTarget} SPI each kind of master
 * data implements, and the engine that streams a file, checks it and writes it as a job.
 */
package org.aftersaleshub.imports;
