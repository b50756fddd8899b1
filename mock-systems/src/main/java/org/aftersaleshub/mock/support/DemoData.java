package org.aftersaleshub.mock.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * The seeded demo data, one readable file: {@code mock-systems/src/main/resources/demo-data.json}.
 * Top-level keys are shared master data ({@code warehouses}, {@code parts}, {@code customers}, {@code staff},
 * {@code robots}); a mock's own extras live under its name.
 */
public final class DemoData {

    private static volatile JsonNode cached;

    private DemoData() {
    }

    /** The whole file, parsed once. */
    public static JsonNode load() {
        JsonNode c = cached;
        if (c == null) {
            try (InputStream in = DemoData.class.getResourceAsStream("/demo-data.json")) {
                if (in == null) {
                    throw new IllegalStateException("demo-data.json missing from the mock-systems classpath");
                }
                c = new ObjectMapper().readTree(in);
                cached = c;
            } catch (IOException e) {
                throw new IllegalStateException("demo-data.json is not valid JSON", e);
            }
        }
        return c;
    }
}
