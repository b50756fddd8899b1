package org.aftersaleshub.mock.imcrm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Platform error codes a test asks a mock to answer for the next {@code count} calls of an operation
 * ({@code *} = any), e.g. WeCom {@code -1} (system busy) or {@code 45033} (concurrency), DingTalk {@code 90002}
 * (global QPS), FXiaoKe {@code 30002} (daily quota). Unlike {@link org.aftersaleshub.mock.support.FaultPlan},
 * which spoils the HTTP exchange, these answer with the platform's own envelope.
 */
public final class ScriptedErrors {

    /** One scripted error; {@code remaining = -1} means until cleared. */
    public record Rule(String operation, int code, int remaining) {
        boolean matches(String op) {
            return "*".equals(operation) || operation.equalsIgnoreCase(op);
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    /** Reads {@code {"operation":"message/send","errcode":-1,"count":2}} (also {@code errorCode} / {@code code}). */
    public synchronized void add(Map<String, Object> m) {
        Object code = m.getOrDefault("errcode", m.getOrDefault("errorCode", m.get("code")));
        if (code == null) {
            throw new IllegalArgumentException("a scripted error needs errcode");
        }
        rules.add(new Rule(String.valueOf(m.getOrDefault("operation", "*")), Integer.parseInt(code.toString()),
                m.get("count") == null ? 1 : Integer.parseInt(m.get("count").toString())));
    }

    /** Consumes and returns the code scripted for this operation, if any. */
    public synchronized Optional<Integer> next(String operation) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.matches(operation)) {
                if (r.remaining() == 1) {
                    rules.remove(i);
                } else if (r.remaining() > 1) {
                    rules.set(i, new Rule(r.operation(), r.code(), r.remaining() - 1));
                }
                return Optional.of(r.code());
            }
        }
        return Optional.empty();
    }

    public synchronized List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rule r : rules) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("operation", r.operation());
            m.put("errcode", r.code());
            m.put("remaining", r.remaining());
            out.add(m);
        }
        return out;
    }

    public synchronized void clear() {
        rules.clear();
    }
}
