/**
 * The engineer's field page (现场页面) behind the IM card: a small server-rendered mobile page reached through a
 * signed, expiring link per engineer and ticket ({@link org.aftersaleshub.fieldpage.FieldPageLinks}), no login. On it
 * the assignee writes the resolution note and completes the ticket, records the parts used (each a part usage booked
 * in the ERP by the erp-stock route) and adds photos (kept in the database). docs/field-page.md.
 */
package org.aftersaleshub.fieldpage;
