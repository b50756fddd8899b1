package org.aftersaleshub.console;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Console settings ({@code hub.console.*}).
 *
 * @param maxFailures     failed sign-ins in a row that lock an account; default 5
 * @param lockDuration    how long a locked account stays locked; default 15m
 * @param createDemoAdmin create user {@code admin} with a random password on first start and write both to
 *                        {@code demoAdminFile} (owner-only); true in the embedded default, false in profile prod
 * @param demoAdminFile   default {@code ${hub.data-dir}/console-admin.txt}
 * @param artemisConsoleUrl where the broker's own console is, linked from the pipeline page; empty: no link
 * @param timeZone        the zone of dates typed in filters and of the dashboard's days; default Asia/Shanghai
 */
@ConfigurationProperties("hub.console")
public record ConsoleProperties(Integer maxFailures, Duration lockDuration, Boolean createDemoAdmin,
                                Path demoAdminFile, String artemisConsoleUrl,
                                java.time.ZoneId timeZone) {

    public ConsoleProperties {
        maxFailures = maxFailures == null ? 5 : maxFailures;
        lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
        createDemoAdmin = createDemoAdmin == null || createDemoAdmin;
        artemisConsoleUrl = artemisConsoleUrl == null ? "" : artemisConsoleUrl;
        timeZone = timeZone == null ? java.time.ZoneId.of("Asia/Shanghai") : timeZone;
    }
}
