package org.aftersaleshub.connector.wecom.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.junit.jupiter.api.Test;

/** The callback keys: documented, the EncodingAESKey secret, a wrong one named without its value, both required. */
class WeComCallbackConfigTest {

    @Test
    void everyKeyIsDocumentedAndTheKeyIsSecret() {
        for (ConfigKey k : WeComCallbackConfig.KEYS) {
            assertThat(k.description()).as(k.name()).isNotBlank();
        }
        assertThat(WeComCallbackConfig.AES_KEY.secret()).isTrue();
    }

    @Test
    void aWrongKeyIsNamedWithoutItsValueAndTokenAndKeyAreRequired() {
        String longKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUtX";
        var problems = WeComCallbackConfig.CONFIG_DEF.validate(Map.of("wecom.callback.token", "abc",
                "wecom.callback.aes-key", longKey));
        assertThat(problems).extracting(ConfigProblem::key).containsExactly("wecom.callback.aes-key");
        assertThat(problems.get(0).hint()).doesNotContain(longKey);
        assertThat(WeComCallbackConfig.CONFIG_DEF.validate(Map.of())).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("wecom.callback.token", "wecom.callback.aes-key");
    }
}
