package org.aftersaleshub.connector.dingtalk.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.junit.jupiter.api.Test;

/** The callback keys: documented, secrets marked, a wrong aes_key named without its value, token and key together. */
class DingTalkCallbackConfigTest {

    @Test
    void everyKeyIsDocumentedAndTheSecretsAreMarked() {
        for (ConfigKey k : DingTalkCallbackConfig.KEYS) {
            assertThat(k.description()).as(k.name()).isNotBlank();
        }
        assertThat(DingTalkCallbackConfig.AES_KEY.secret()).isTrue();
        assertThat(DingTalkCallbackConfig.API_SECRET.secret()).isTrue();
        assertThat(DingTalkCallbackConfig.TOKEN.secret()).isFalse();
    }

    @Test
    void anAesKeyOfTheWrongLengthIsNamedWithoutItsValue() {
        String shortKey = "ptgUzEjfebzJ6sZWdoHIxrXl0gqn87b1PZqZrmktsO";
        var problems = DingTalkCallbackConfig.CONFIG_DEF.validate(Map.of("dingtalk.callback.token", "abc123",
                "dingtalk.callback.aes-key", shortKey));
        assertThat(problems).extracting(ConfigProblem::key, ConfigProblem::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dingtalk.callback.aes-key", "pattern"));
        assertThat(problems.get(0).hint()).doesNotContain(shortKey);
    }

    @Test
    void aTokenWithoutAnAesKeyIsAProblemAndCardsAloneAreFine() {
        assertThat(DingTalkCallbackConfig.CONFIG_DEF.validate(Map.of("dingtalk.callback.token", "abc123")))
                .extracting(ConfigProblem::key).containsExactly("dingtalk.callback.aes-key");
        assertThat(DingTalkCallbackConfig.CONFIG_DEF.validate(Map.of("dingtalk.callback.api-secret", "s3cret")))
                .isEmpty();
    }
}
