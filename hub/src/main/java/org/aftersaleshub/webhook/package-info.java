/**
 * Outbound webhooks: how a system without a dedicated connector receives ticket events. The route
 * {@code routes/outbound-webhook.yaml} calls {@link org.aftersaleshub.webhook.WebhookTargets} and
 * {@link org.aftersaleshub.webhook.WebhookRequest}; the HTTP call itself is Camel's http component.
 */
package org.aftersaleshub.webhook;
