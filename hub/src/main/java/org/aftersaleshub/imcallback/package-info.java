/**
 * Inbound IM callbacks: {@code /callbacks/dingtalk} (event push, interactive-card clicks) and {@code /callbacks/wecom}
 * (URL verification, encrypted events, template-card clicks). Each callback is verified with the connector's crypto
 * (signature, timestamp window, owner key / receiveid, a card signature used once), stored as it arrived, answered
 * at once in the platform's reply format, and processed afterwards by
 * {@link org.aftersaleshub.imcallback.CallbackWorker} exactly once per platform event identity, by whichever hub
 * instance claims it first. A card click (接单, 到场, 完成) changes the ticket only when the card's ticket and its
 * assignee say so, and always leaves a {@link org.aftersaleshub.model.event.CardActionHandled} event for the route
 * that updates the card. See docs/vendor-apis/callbacks.md.
 */
package org.aftersaleshub.imcallback;
