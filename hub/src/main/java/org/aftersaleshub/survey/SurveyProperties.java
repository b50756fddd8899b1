package org.aftersaleshub.survey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.survey.*}.
 *
 * @param delay    time after RESOLVED when the survey is requested (default 24h)
 * @param linkTtl  how long the survey link works (default 7d)
 * @param lowScore a score at or below this tells the supervisor (default 2)
 */
@ConfigurationProperties("hub.survey")
public record SurveyProperties(Duration delay, Duration linkTtl, Integer lowScore) {

    public SurveyProperties {
        delay = delay == null ? Duration.ofHours(24) : delay;
        linkTtl = linkTtl == null ? Duration.ofDays(7) : linkTtl;
        lowScore = lowScore == null ? 2 : lowScore;
    }
}
