package org.aftersaleshub.connector.conformance;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects every log event (formatted message, logger, and the whole throwable chain with its messages) while
 * installed on the root logger. Used to search for canary secrets.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One captured event. */
    public record Line(String logger, String level, String text) { }

    private final List<Line> lines = new ArrayList<>();

    private CapturedLogs() {
    }

    /** Starts capturing on the root logger. */
    public static CapturedLogs install() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        CapturedLogs logs = new CapturedLogs();
        logs.setContext(ctx);
        logs.setName("conformance-capture");
        logs.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
        return logs;
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        StringBuilder text = new StringBuilder(e.getFormattedMessage() == null ? "" : e.getFormattedMessage());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        if (e.getArgumentArray() != null) {
            for (Object arg : e.getArgumentArray()) {
                text.append(" | arg=").append(arg);
            }
        }
        lines.add(new Line(e.getLoggerName(), e.getLevel().toString(), text.toString()));
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines from loggers whose name starts with {@code prefix}. */
    public synchronized long countFrom(String prefix) {
        return lines.stream().filter(l -> l.logger().startsWith(prefix)).count();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
    }
}
