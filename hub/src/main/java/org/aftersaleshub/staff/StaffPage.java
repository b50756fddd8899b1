package org.aftersaleshub.staff;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of staff, by name.
 *
 * @param items the people on this page
 * @param page  zero-based page number
 * @param size  page size asked for
 * @param total number of people matching the filters
 */
@Schema(description = "A page of staff records, ordered by name.")
public record StaffPage(List<Staff> items, int page, int size, long total) {
}
