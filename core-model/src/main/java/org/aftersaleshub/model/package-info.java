/**
 * The canonical after-sales model the hub owns (README.md, "How it works"): tickets, part usages, parts, stock levels,
 * customers, devices and staff, as immutable Jackson-serialisable records.
 *
 * <p>Rules on fields are declared with Jakarta Bean Validation annotations so that the same rules drive the
 * generated JSON Schemas ({@code schema/v1/*.schema.json} in this jar) and validation at the hub's edge.
 * The model is versioned by {@link org.aftersaleshub.model.ModelVersion}; every event carries that version.
 */
package org.aftersaleshub.model;
