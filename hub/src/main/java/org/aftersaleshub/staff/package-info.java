/**
 * The staff directory (人员目录) and its REST API ({@code /api/v1/staff}): who the hub can assign work to and notify,
 * with their roles, skills, supervisor and IM identities. A record is never deleted, only deactivated, because
 * tickets keep referring to it. Names and phone numbers are personal data: no log statement here writes them.
 */
package org.aftersaleshub.staff;
