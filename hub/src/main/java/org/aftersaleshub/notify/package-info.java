/**
 * Staff notifications (通知) on DingTalk and WeCom: the hub's own steps of the {@code routes/im-*.yaml} routes — who
 * gets a message ({@link org.aftersaleshub.notify.ImNotices}), what it says (Mustache templates,
 * {@link org.aftersaleshub.notify.NoticeTemplates}) — and the IT alerts the hub raises about itself
 * ({@link org.aftersaleshub.notify.ItAlerts}). The calls to DingTalk and WeCom are connector endpoints in the YAML;
 * the delivery contract (journal, key, retries, dead letter) comes from the shared route configuration.
 */
package org.aftersaleshub.notify;
