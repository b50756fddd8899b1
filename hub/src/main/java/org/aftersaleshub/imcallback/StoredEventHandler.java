package org.aftersaleshub.imcallback;

/**
 * Acts on the stored events ({@link InboundCallbacks.Kind#EVENT}) of one platform, as the worker processes them: the
 * CRM's data-change events. Card clicks have {@link CardActionHandler}; events of a platform without a handler are
 * stored and acknowledged only. Implemented outside this package (the crm package), so the verification, the
 * dedup by the platform's message id and the retrying worker stay one machinery for every platform.
 */
public interface StoredEventHandler {

    /** What was done with one event. */
    record Handled(boolean applied, String detail) {
    }

    /** The platform whose events this handles. */
    CallbackPlatform platform();

    /**
     * Acts on one decrypted event, inside the worker's transaction (the change and "processed" commit together). A
     * thrown exception rolls both back; the event is tried again after a growing delay.
     *
     * @param instance  the connector instance the callback came in for
     * @param eventType the platform's event type ({@code update}, {@code add}, ...)
     * @param payload   the decrypted event, unchanged
     */
    Handled handle(String instance, String eventType, String payload);
}
