package org.aftersaleshub.imcallback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Where verified callbacks enter: stored once per platform identity (the insert has committed when this returns, so
 * the answer may go out), then the worker is woken so processing starts at once. Counts what came in by platform and
 * result ({@code hub.callbacks.received}).
 */
@Service
class CallbackIntake {

    private static final Logger log = LoggerFactory.getLogger(CallbackIntake.class);

    private final InboundCallbacks store;
    private final CallbackWorker worker;
    private final MeterRegistry meters;

    CallbackIntake(InboundCallbacks store, CallbackWorker worker, MeterRegistry meters) {
        this.store = store;
        this.worker = worker;
        this.meters = meters;
    }

    InboundCallbacks.Stored accept(CallbackInstance instance, InboundCallbacks.Kind kind, String eventType,
                                   String identity, String payload) {
        InboundCallbacks.Stored stored = store.insert(instance.platform(), instance.name(), kind, eventType, identity,
                payload, Instant.now());
        count(instance.platform(), stored.duplicate() ? "duplicate" : "stored");
        if (stored.duplicate()) {
            log.info("{} callback {} for {} was stored before (row {}); answered, not processed again",
                    instance.platform().type(), eventType, instance.name(), stored.id());
        } else {
            worker.wake();
        }
        return stored;
    }

    /** Records a refused callback (the problem answer is thrown by the caller). */
    void refused(CallbackPlatform platform, String instance, String why) {
        count(platform, "refused");
        log.info("Refused a {} callback for {}: {}", platform.type(), instance, why);
    }

    /** Whether a signed pair is new (and now used). */
    boolean useSignatureOnce(CallbackInstance instance, long signedAt, String signature) {
        return store.useSignatureOnce(instance.platform(), instance.name(), signedAt, signature, Instant.now());
    }

    private void count(CallbackPlatform platform, String result) {
        Counter.builder("hub.callbacks.received").description("IM callbacks received, by platform and result")
                .tag("platform", platform.type()).tag("result", result).register(meters).increment();
    }
}
