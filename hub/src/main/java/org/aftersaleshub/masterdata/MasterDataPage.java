package org.aftersaleshub.masterdata;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of master data records.
 *
 * @param items the records on this page
 * @param page  zero-based page number
 * @param size  page size asked for
 * @param total number of records matching the filters
 */
@Schema(description = "A page of master data records.")
public record MasterDataPage<T>(List<T> items, int page, int size, long total) {
}
