package org.aftersaleshub.connector.dingtalk.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The card click (docs/vendor-apis/dingtalk.md §7.3): its header signature against the derived vector
 * (docs/vendor-apis/dingtalk.md §10.2), and its body with {@code content} as a JSON string.
 */
class DingTalkCardCallbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSignatureOfATimestampIsTheDerivedVector() {
        assertThat(DingTalkCardCallbackSignature.sign("card-secret-123", "1700000000000"))
                .isEqualTo("xIQfsr859P7C5+Mr43S2wKNhM6hDAPo5Ln6JwUTb0F8=");
        DingTalkCardCallbackSignature.verify("card-secret-123", "1700000000000",
                "xIQfsr859P7C5+Mr43S2wKNhM6hDAPo5Ln6JwUTb0F8=");
    }

    @Test
    void aWrongOrMissingSignatureIsRefused() {
        for (String[] bad : new String[][] {
                {"1700000000000", "yIQfsr859P7C5+Mr43S2wKNhM6hDAPo5Ln6JwUTb0F8="},
                {"1700000000001", "xIQfsr859P7C5+Mr43S2wKNhM6hDAPo5Ln6JwUTb0F8="},
                {"1700000000000", null}, {null, "xIQfsr859P7C5+Mr43S2wKNhM6hDAPo5Ln6JwUTb0F8="}, {"", ""}}) {
            assertThatThrownBy(() -> DingTalkCardCallbackSignature.verify("card-secret-123", bad[0], bad[1]))
                    .isInstanceOfSatisfying(DingTalkCallbackException.class, e -> {
                        assertThat(e.failure()).isEqualTo(DingTalkCallbackException.Failure.SIGNATURE_MISMATCH);
                        assertThat(e.getMessage()).doesNotContain("card-secret-123");
                    });
        }
    }

    @Test
    void theBodyIsReadWithContentAsAJsonString() throws Exception {
        DingTalkCardCallback click = DingTalkCardCallback.parse(JSON.readTree("""
                {"type":"actionCallback","outTrackId":"tkt-1","corpId":"dingcorp","userId":"manager4711","content":
                 "{\\"cardPrivateData\\":{\\"actionIds\\":[\\"1\\"],\\"params\\":{\\"action\\":\\"accept\\"}}}"}
                """));
        assertThat(click.type()).isEqualTo("actionCallback");
        assertThat(click.outTrackId()).isEqualTo("tkt-1");
        assertThat(click.userId()).isEqualTo("manager4711");
        assertThat(click.actionIds()).containsExactly("1");
        assertThat(click.action()).isEqualTo("accept");
        assertThat(click.identity()).isEqualTo("tkt-1|manager4711|accept");
    }

    @Test
    void aBodyWithoutCardOrUserIsRefusedNamingTheMember() throws Exception {
        assertThatThrownBy(() -> DingTalkCardCallback.parse(JSON.readTree("{\"outTrackId\":\"x\"}")))
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> DingTalkCardCallback.parse(JSON.readTree("{\"userId\":\"x\"}")))
                .hasMessageContaining("outTrackId");
        assertThatThrownBy(() -> DingTalkCardCallback.parse(JSON.readTree(
                "{\"outTrackId\":\"x\",\"userId\":\"u\",\"content\":\"{not json\"}"))).hasMessageContaining("content");
    }

    @Test
    void aPushIdentifiesByEventIdElseBizIdElseItsText() {
        assertThat(DingTalkCallbackEvent.parse("{\"EventType\":\"bpms_instance_change\",\"eventId\":\"e1\","
                + "\"BizId\":\"b1\"}").identity()).isEqualTo("eventId:e1");
        assertThat(DingTalkCallbackEvent.parse("{\"EventType\":\"bpms_task_change\",\"BizId\":\"b1\"}").identity())
                .isEqualTo("bizId:bpms_task_change:b1");
        DingTalkCallbackEvent check = DingTalkCallbackEvent.parse("{\"EventType\":\"check_url\"}");
        assertThat(check.eventType()).isEqualTo(DingTalkCallbackEvent.CHECK_URL);
        assertThat(check.identity()).startsWith("sha256:").hasSize(7 + 64);
        assertThatThrownBy(() -> DingTalkCallbackEvent.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
    }
}
