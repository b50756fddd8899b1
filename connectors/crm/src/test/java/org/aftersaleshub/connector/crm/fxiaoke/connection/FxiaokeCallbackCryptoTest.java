package org.aftersaleshub.connector.crm.fxiaoke.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.junit.jupiter.api.Test;

/** The callback envelope against the official demo's vector (docs/vendor-apis/fxiaoke.md §8) and the mock. */
class FxiaokeCallbackCryptoTest {

    static final String KEY = "O0YjM0EDOygzNykzMzUjLwUTN3MjL5ADN1QjM5gTM0A=";
    static final String PLAIN = "{\"tenantId\":691413,\"eventType\":\"update\",\"apiName\":\"AccountObj\",\"dataId\":"
            + "\"5f9cd4e6e4400e0001217faa\",\"timestamp\":1604644208525,\"messageId\":"
            + "\"AC11291700002A9F00000608C038697A0\"}";
    static final String ENCRYPTED = "tRPD30ygQKxFurdWxHQKpRypuXNbRcW/knsKZBCPJv9bsKnQJlUr26USpOgJqhVUm5Q2NiVG1IBrCr0dbrs"
            + "reRZY6Z5/fbw75IlGQ2d7PkMWtVTAE0RG62j7HJQWAwm+XdmQC4y1AbjHzatjjrXiCKcId112DHZSqB0qznivDStywTjscnNWhaR7xbnSbm"
            + "KQWsF5YlPUEudZ+P07Ol/cd6F8IXOo+nEu7UH21hRSgKI=";
    static final FxiaokeCallbackCrypto.Request VECTOR = new FxiaokeCallbackCrypto.Request(
            "4d7c6742d8efed705054fe895ee487df738c8c50", "1604644770244", "mi3wrpKNnq4YdIZC",
            "AC11291700002A9F00000608C038697A0", "1", "gxcxkj", ENCRYPTED);

    @Test
    void theOfficialVectorVerifiesAndDecrypts() {
        FxiaokeCallbackCrypto crypto = new FxiaokeCallbackCrypto(KEY, "gxcxkj");
        assertThat(crypto.encrypt(PLAIN)).isEqualTo(ENCRYPTED);
        assertThat(crypto.verifyAndDecrypt(VECTOR)).isEqualTo(PLAIN);
    }

    @Test
    void aChangedFieldAnotherKeyOrAnotherTenantIsRefused() {
        FxiaokeCallbackCrypto crypto = new FxiaokeCallbackCrypto(KEY, null);
        FxiaokeCallbackCrypto.Request otherNonce = new FxiaokeCallbackCrypto.Request(VECTOR.signature(),
                VECTOR.timestamp(), "mi3wrpKNnq4YdIZD", VECTOR.messageId(), VECTOR.retryTimes(),
                VECTOR.enterpriseAccount(), VECTOR.encryptedContent());
        assertThatThrownBy(() -> crypto.verifyAndDecrypt(otherNonce)).isInstanceOf(
                FxiaokeCallbackCrypto.CallbackRefused.class).hasMessageContaining("signature");
        FxiaokeCallbackCrypto otherKey = new FxiaokeCallbackCrypto("YWZ0ZXJzYWxlcy1odWItZGVtby1meGlhb2tlLWtleSE=",
                null);
        assertThatThrownBy(() -> otherKey.verifyAndDecrypt(VECTOR))
                .isInstanceOfSatisfying(FxiaokeCallbackCrypto.CallbackRefused.class,
                        e -> assertThat(e.field()).isEqualTo("signature"));
        assertThatThrownBy(() -> new FxiaokeCallbackCrypto(KEY, "another").verifyAndDecrypt(VECTOR))
                .isInstanceOfSatisfying(FxiaokeCallbackCrypto.CallbackRefused.class,
                        e -> assertThat(e.field()).isEqualTo("enterpriseAccount"));
    }

    @Test
    void theSuccessReplyIsWhatTheMockAccepts() {
        FxiaokeCallbackCrypto crypto = new FxiaokeCallbackCrypto(KEY, null);
        Map<String, String> reply = crypto.successReply(1604644770300L);
        assertThat(FxiaokeMock.aesDecrypt(reply.get("encryptedResult"), KEY)).isEqualTo("success");
        assertThat(reply.get("signature")).isEqualTo(FxiaokeMock.sha1Hex(reply.get("timestamp") + reply.get("nonce")
                + reply.get("encryptedResult") + KEY));
    }
}
