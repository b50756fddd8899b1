/**
 * The contacts sync (通讯录同步): keeps the staff directory in step with a DingTalk or WeCom organisation, on a
 * schedule and on demand ({@code POST /api/v1/staff/sync/{instance}}). It reads departments and members through the
 * connector instance, upserts by the platform's user id, deactivates who left and takes the supervisor from the
 * department leader. Which fields it may change on which records is {@link org.aftersaleshub.staff.sync.SyncRules};
 * one sync of an instance runs at a time across all hub instances ({@link org.aftersaleshub.staff.sync.SyncLocks}).
 * Names and phone numbers are personal data: nothing here logs them.
 */
package org.aftersaleshub.staff.sync;
