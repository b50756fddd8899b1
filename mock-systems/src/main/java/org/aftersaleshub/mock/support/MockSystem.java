package org.aftersaleshub.mock.support;

import java.util.Map;

/**
 * One stand-in for an external system (Kingdee, U8, YonBIP, DingTalk, WeCom, FXiaoKe), served over HTTP on
 * 127.0.0.1. Implementations keep state (documents, stock, messages, tokens) that tests read back through
 * {@link #state()} or the {@code /mock-admin/state} endpoint.
 */
public interface MockSystem extends AutoCloseable {

    /** Short lower-case name, also the key in {@code demo-data.json} and in the launcher's output. */
    String name();

    /** The fixed port the standalone launcher uses (18081..18086, see MockSystemsMain). */
    int defaultPort();

    /** Starts serving on the port ({@code 0} = a free port). */
    void start(int port);

    /** The bound port; only valid after {@link #start(int)}. */
    int port();

    /** {@code http://127.0.0.1:<port>} (no trailing slash). */
    default String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Forgets every document, message, token and fault, then re-seeds the demo data. */
    void reset();

    /** A JSON-friendly snapshot of the state a test may assert on. */
    Map<String, Object> state();

    MockClock clock();

    FaultPlan faults();

    @Override
    void close();
}
