package org.aftersaleshub.console;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Formatting for templates ({@code ${@consoleFormat.time(x)}}): times in the console's zone. */
@Component("consoleFormat")
public class ConsoleFormat {

    private final DateTimeFormatter time;

    public ConsoleFormat(ConsoleProperties properties) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(properties.timeZone());
    }

    public String time(Instant at) {
        return at == null ? "" : time.format(at);
    }

    /** Seconds as a short duration: 95 → "1m 35s", 7300 → "2h 1m". */
    public String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s / 3600 + "h " + s % 3600 / 60 + "m";
    }
}
