package org.aftersaleshub.staff;

/** Search filters; null means "any". {@code text} is a case-insensitive substring of name or phone. */
record StaffFilter(String text, String region, String team, String skill, StaffRole role, Boolean active,
                   PreferredChannel channel) {
}
