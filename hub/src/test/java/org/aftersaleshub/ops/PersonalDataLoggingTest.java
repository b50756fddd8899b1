package org.aftersaleshub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.aftersaleshub.web.ApiTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A customer's name and phone number travel with a ticket (its description), through the outbound webhook to a
 * receiver that refuses the event and quotes it back, into a dead letter: the dead letter keeps them (under its
 * retention, for the operator), the console and the log file show neither. A phone number that reaches a log
 * statement anyway is masked by the log configuration itself (the JSON file's masking: {@link PersonalDataTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataLoggingTest {

    static final String NAME = "欧阳晓明";
    static final String MOBILE = "13912345678";
    static final String MOBILE_GROUPED = "139 1234 5678";
    static final String LANDLINE = "021-63345678";
    static final WebhookReceiver receiver = WebhookReceiver.withHooks("crm-bridge");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        receiver.register(r);
        r.add("hub.delivery.max-attempts", () -> "2");
        r.add("hub.delivery.initial-backoff-ms", () -> "50");
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Autowired
    ApiKeyService keys;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @Test
    void aTicketsCustomerNameAndPhoneReachTheDeadLetterButNoLog(CapturedOutput output) throws Exception {
        // a receiver that refuses the event and quotes it in its answer, as many do
        receiver.answer("crm-bridge", 422, "{\"error\":\"unknown contact\",\"contact\":\"" + NAME + " " + MOBILE
                + "\",\"phone\":\"" + LANDLINE + "\"}");
        ApiTestClient writer = new ApiTestClient(port, keys.create("pii-writer", List.of(ApiScope.TICKETS_WRITE),
                "test").key());
        String description = "联系人" + NAME + "，手机 " + MOBILE_GROUPED + "，座机 " + LANDLINE + "，另一号码 " + MOBILE
                + "：空调漏水";
        ApiTestClient.Answer created = writer.post("/api/v1/tickets", ApiTestClient.ticketJson()
                .replaceFirst("\"description\":\"[^\"]*\"", "\"description\":\"" + description + "\""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String ticket = created.json().get("id").asText();
        assertThat(jdbc.queryForObject("select description from ticket where id = ?", String.class, ticket))
                .isEqualTo(description);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from dead_letter where ticket_id = ?", Integer.class, ticket) == 1);
        // the operator still has everything, in the store (kept for hub.retention.dead-letters)
        String error = jdbc.queryForObject("select error from dead_letter where ticket_id = ?", String.class, ticket);
        assertThat(error).contains("HTTP 422").contains(NAME).contains(MOBILE);
        assertThat(jdbc.queryForObject("select payload from dead_letter where ticket_id = ?", String.class, ticket))
                .contains(NAME);

        // the safety net: a phone number written to a log statement directly, in a message and in an exception
        LoggerFactory.getLogger(PersonalDataLoggingTest.class).warn("caller asked to be rung back on {}", MOBILE,
                new IllegalArgumentException("Value too long for column DESCRIPTION: '" + LANDLINE + "'"));

        // the file the hub's FILE appender writes (Spring Boot configures logging once per JVM, so in a test run
        // it is the first test context's logging.file.name, not necessarily this one's)
        Path file = Path.of(((FileAppender<?>) ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE")).getFile());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file)
                && Files.readString(file, StandardCharsets.UTF_8).contains("caller asked to be rung back"));
        String console = output.getAll();
        String logFile = Files.readString(file, StandardCharsets.UTF_8);
        for (String log : List.of(console, logFile)) {
            assertThat(log).contains("Dead letter: route outbound-webhook target crm-bridge")
                    .contains("caller asked to be rung back on ****").contains("DESCRIPTION: '****'")
                    .doesNotContain(NAME).doesNotContain(MOBILE).doesNotContain(MOBILE_GROUPED)
                    .doesNotContain(LANDLINE);
        }
        assertThat(console.lines().filter(l -> l.contains("Dead letter:"))).anySatisfy(l -> assertThat(l)
                .contains("HTTP 422").contains("ticket=" + ticket));
    }
}
