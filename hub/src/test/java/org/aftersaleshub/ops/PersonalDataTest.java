package org.aftersaleshub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/** Which shapes {@link PersonalData} masks, and what it leaves alone. */
class PersonalDataTest {

    @Test
    void masksMobileAndLandlineNumbersInTheirUsualWritings() {
        assertThat(PersonalData.mask("客户电话13912345678，请回电")).isEqualTo("客户电话****，请回电");
        assertThat(PersonalData.mask("call 139 1234 5678 or 139-1234-5678")).isEqualTo("call **** or ****");
        assertThat(PersonalData.mask("+86 13912345678 / 8613912345678 / +86-139-1234-5678"))
                .isEqualTo("**** / **** / ****");
        assertThat(PersonalData.mask("座机 021-63345678, 0755 1234567")).isEqualTo("座机 ****, ****");
        assertThat(PersonalData.mask("Value too long: '张先生 13812345678 压缩机' (4100)"))
                .isEqualTo("Value too long: '张先生 **** 压缩机' (4100)");
    }

    @Test
    void leavesIdsTimestampsDatesAndCountsAlone() {
        for (String s : new String[] {"at 1767225600123 ms", "event 3f2b9c1e-1381-2345-6789-0a1b2c3d4e5f",
                "2026-11-22T10:15:30Z", "moved 13812 rows", "TK-20261122-000123", "order 123456789012",
                "HTTP 500", "port 61616", "12345678901", "id 113912345678", "v2.40.0"}) {
            assertThat(PersonalData.mask(s)).as(s).isEqualTo(s);
        }
        assertThat(PersonalData.mask(null)).isNull();
    }

    @Test
    void theJsonLogFileMasksMessagesAndStackTracesWithTheConfiguredCustomizer() {
        // the hub's file log: Spring Boot's ECS encoder with logging.structured.json.customizer as application.yaml
        // sets it (Logback reads the test configuration before Spring starts, so tests write that file as text)
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putObject(Environment.class.getName(), new MockEnvironment()
                .withProperty("logging.structured.json.customizer", MaskingJsonMembers.class.getName()));
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        LoggingEvent event = new LoggingEvent(PersonalDataTest.class.getName(), context.getLogger("hub"), Level.WARN,
                "callback from {}", new IllegalStateException("duplicate key 021-63345678"),
                new Object[] {"+86 139 1234 5678"});

        String json = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(json).contains("\"message\":\"callback from ****\"").contains("duplicate key ****")
                .doesNotContain("1234 5678").doesNotContain("63345678");
    }
}
