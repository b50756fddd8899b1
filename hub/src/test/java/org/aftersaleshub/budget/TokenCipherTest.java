package org.aftersaleshub.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenCipherTest {

    @Test
    void sealsWithAFreshNonceAndOpensOnlyForTheSameKeyAndRow() {
        TokenCipher cipher = TokenCipher.of("hub token key");
        String a = cipher.seal("wecom/corp/1000002", "ACCESS_TOKEN_VALUE");
        String b = cipher.seal("wecom/corp/1000002", "ACCESS_TOKEN_VALUE");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("ACCESS_TOKEN_VALUE");
        assertThat(cipher.open("wecom/corp/1000002", a)).isEqualTo("ACCESS_TOKEN_VALUE");
        assertThatThrownBy(() -> cipher.open("wecom/corp/1000003", a)).as("moved to another row")
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("ACCESS_TOKEN_VALUE");
        assertThatThrownBy(() -> TokenCipher.of("other key").open("wecom/corp/1000002", a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was the key changed");
        assertThatThrownBy(() -> TokenCipher.of("").open("wecom/corp/1000002", a))
                .hasMessageContaining("hub.budgets.token-key is empty");
    }

    @Test
    void withoutAKeyTokensAreStoredPlainAndStillReadAfterAKeyIsSet() {
        String stored = TokenCipher.of(" ").seal("k", "t");
        assertThat(stored).isEqualTo("plain:t");
        assertThat(TokenCipher.of("now a key").open("k", stored)).isEqualTo("t");
        assertThat(TokenCipher.of("").seals()).isFalse();
    }
}
