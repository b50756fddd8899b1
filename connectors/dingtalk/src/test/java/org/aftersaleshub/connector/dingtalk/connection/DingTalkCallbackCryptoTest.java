package org.aftersaleshub.connector.dingtalk.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCallbackException.Failure;
import org.junit.jupiter.api.Test;

/**
 * DingTalk event-push crypto against the official vectors (docs/vendor-apis/dingtalk.md §10.3, §10.4) and the derived
 * reply (docs/vendor-apis/dingtalk.md §10.5); every refusal is a typed exception that names no secret. Broken
 * ciphertexts are built here with JCA directly, not with the class under test.
 */
class DingTalkCallbackCryptoTest {

    // docs/vendor-apis/dingtalk.md §10.3: a real check_url push from the official repository
    private static final String PUSH_TOKEN = "mryue";
    private static final String PUSH_KEY = "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7";
    private static final String PUSH_OWNER = "ding6ccabc44d2c8d38b";
    private static final String PUSH_SIGNATURE = "03044561471240d4a14bb09372dfcfd4fd0e40cb";
    private static final String PUSH_TIMESTAMP = "1608001896814";
    private static final String PUSH_NONCE = "WL4PK6yA";
    private static final String PUSH_ENCRYPT = "0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7X"
            + "HpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3";

    // docs/vendor-apis/dingtalk.md §10.4: the official reply a receiver returned
    private static final String REPLY_TOKEN = "123456";
    private static final String REPLY_KEY = "1234567890123456789012345678901234567890123";
    private static final String REPLY_OWNER = "dingsnotzck6pm5veliw";
    private static final String REPLY_SIGNATURE = "9a95a004dd16f5c307e849b994173f76aa26e5eb";
    private static final String REPLY_TIMESTAMP = "1614767836";
    private static final String REPLY_NONCE = "A7Co0cJLMzIDtMMI";
    private static final String REPLY_ENCRYPT = "YvkvaGe4hQxd3VxRmEty0dVlnCOAqwf56xwTRHDHoOURqhalbmBJQk5FNcRk42Gl5"
            + "T0YQXZNwpwWSm1xAFJ5ZA==";

    private final DingTalkCallbackCrypto push = new DingTalkCallbackCrypto(PUSH_TOKEN, PUSH_KEY, PUSH_OWNER);

    @Test
    void theOfficialPushVerifiesAndDecryptsToCheckUrl() {
        assertThat(push.signature(PUSH_TIMESTAMP, PUSH_NONCE, PUSH_ENCRYPT)).isEqualTo(PUSH_SIGNATURE);
        assertThat(push.verifyAndDecrypt(PUSH_SIGNATURE, PUSH_TIMESTAMP, PUSH_NONCE, PUSH_ENCRYPT))
                .isEqualTo("{\"EventType\":\"check_url\"}");
    }

    @Test
    void theOfficialReplyVerifiesAndDecryptsToSuccessWithItsRandomPrefixAndOwner() {
        DingTalkCallbackCrypto crypto = new DingTalkCallbackCrypto(REPLY_TOKEN, REPLY_KEY, REPLY_OWNER);
        assertThat(crypto.verifyAndDecrypt(REPLY_SIGNATURE, REPLY_TIMESTAMP, REPLY_NONCE, REPLY_ENCRYPT))
                .isEqualTo("success");
        DingTalkCallbackCrypto.Opened opened = crypto.open(REPLY_ENCRYPT);
        assertThat(new String(opened.random16(), StandardCharsets.US_ASCII)).isEqualTo("dICkEDLj0eb6yAbc");
        assertThat(opened.ownerKey()).isEqualTo(REPLY_OWNER);
    }

    @Test
    void aReplyWithFixedRandomAndNonceIsTheDerivedVector() {
        DingTalkCallbackCrypto crypto = new DingTalkCallbackCrypto(REPLY_TOKEN, REPLY_KEY, REPLY_OWNER);
        DingTalkCallbackCrypto.Reply reply = crypto.reply("aaaabbbbccccdddd".getBytes(StandardCharsets.US_ASCII),
                "success", "1700000000000", "nonce12345678901");
        assertThat(reply.encrypt()).isEqualTo(
                "XAJ8DensDw7dyDguSs6YzcXlC6jVdu35UT+MpIchwaoiePY+VoNmfsZBFMIC3EFe23BP5MkDIu3zGjdPCVxjFw==");
        assertThat(reply.msgSignature()).isEqualTo("521e05a884625444141853c662679f11bf701bbb");
        assertThat(reply.timeStamp()).isEqualTo("1700000000000");
    }

    @Test
    void aFreshReplyRoundTripsWithANewNonceEachTime() {
        DingTalkCallbackCrypto.Reply a = push.reply("success", "1700000000000");
        DingTalkCallbackCrypto.Reply b = push.reply("success", "1700000000000");
        assertThat(a.nonce()).hasSize(16).isNotEqualTo(b.nonce());
        assertThat(a.encrypt()).isNotEqualTo(b.encrypt());
        assertThat(push.verifyAndDecrypt(a.msgSignature(), a.timeStamp(), a.nonce(), a.encrypt())).isEqualTo("success");
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String tampered = PUSH_SIGNATURE.substring(0, 39) + (PUSH_SIGNATURE.endsWith("b") ? "c" : "b");
        assertRefused(() -> push.verifyAndDecrypt(tampered, PUSH_TIMESTAMP, PUSH_NONCE, PUSH_ENCRYPT),
                Failure.SIGNATURE_MISMATCH, 900006);
        assertRefused(() -> push.verifyAndDecrypt(null, PUSH_TIMESTAMP, PUSH_NONCE, PUSH_ENCRYPT),
                Failure.SIGNATURE_MISMATCH, 900006);
        // a signature over another timestamp does not carry over
        assertRefused(() -> push.verifyAndDecrypt(PUSH_SIGNATURE, "1608001896815", PUSH_NONCE, PUSH_ENCRYPT),
                Failure.SIGNATURE_MISMATCH, 900006);
    }

    @Test
    void aPayloadForAnotherAppIsRefusedByItsOwnerKey() {
        DingTalkCallbackCrypto corpIdByMistake = new DingTalkCallbackCrypto(PUSH_TOKEN, PUSH_KEY, "dingcorp0000000000");
        assertRefused(() -> corpIdByMistake.verifyAndDecrypt(PUSH_SIGNATURE, PUSH_TIMESTAMP, PUSH_NONCE,
                PUSH_ENCRYPT), Failure.OWNER_KEY_MISMATCH, 900010);
    }

    @Test
    void aKeyOfTheWrongLengthOrAlphabetIsRefusedWithoutEchoingIt() {
        for (String bad : new String[] {PUSH_KEY.substring(1), PUSH_KEY + "x", PUSH_KEY.substring(1) + "-", "", null}) {
            assertThatThrownBy(() -> new DingTalkCallbackCrypto(PUSH_TOKEN, bad, PUSH_OWNER))
                    .isInstanceOfSatisfying(DingTalkCallbackException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.ILLEGAL_AES_KEY);
                        assertThat(e.getMessage()).startsWith("900004 ");
                        if (bad != null && !bad.isEmpty()) {
                            assertThat(e.getMessage()).doesNotContain(bad);
                        }
                    });
        }
    }

    @Test
    void brokenCiphertextsAreDecryptErrorsNotCrashes() {
        assertRefused(() -> push.open("not base64 !"), Failure.DECRYPT_ERROR, 900008);
        assertRefused(() -> push.open(""), Failure.DECRYPT_ERROR, 900008);
        assertRefused(() -> push.open(Base64.getEncoder().encodeToString(new byte[33])), Failure.DECRYPT_ERROR,
                900008);
        byte[] key = Base64.getDecoder().decode(PUSH_KEY + "=");
        // pad byte 0, pad byte 33 and pad bytes that disagree: all bad padding
        assertRefused(() -> push.open(rawEncrypt(key, withLastBytes(64, 0))), Failure.DECRYPT_ERROR, 900008);
        assertRefused(() -> push.open(rawEncrypt(key, withLastBytes(64, 33))), Failure.DECRYPT_ERROR, 900008);
        assertRefused(() -> push.open(rawEncrypt(key, withLastBytes(64, 3, 4, 3))), Failure.DECRYPT_ERROR, 900008);
        // a length field pointing past the end
        ByteBuffer lying = ByteBuffer.allocate(64);
        lying.put(new byte[16]).putInt(1000).put(new byte[12]);
        for (int i = 0; i < 32; i++) {
            lying.put((byte) 32);
        }
        assertRefused(() -> push.open(rawEncrypt(key, lying.array())), Failure.LENGTH_MISMATCH, 900009);
    }

    @Test
    void noRefusalNamesTheTokenOrTheKey() {
        try {
            push.verifyAndDecrypt("00", PUSH_TIMESTAMP, PUSH_NONCE, PUSH_ENCRYPT);
        } catch (DingTalkCallbackException e) {
            assertThat(e.getMessage()).doesNotContain(PUSH_TOKEN).doesNotContain(PUSH_KEY);
            assertThat(e.getStackTrace()).isEmpty();
        }
        assertThat(push.toString()).doesNotContain(PUSH_TOKEN).doesNotContain(PUSH_KEY);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Failure failure,
                                      int code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DingTalkCallbackException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e.failure().code()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith(code + " ");
        });
    }

    /** {@code length} bytes of 'a' ending in the given bytes. */
    private static byte[] withLastBytes(int length, int... last) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) 'a');
        for (int i = 0; i < last.length; i++) {
            b[length - last.length + i] = (byte) last[i];
        }
        return b;
    }

    private static String rawEncrypt(byte[] key, byte[] plain) throws Exception {
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return Base64.getEncoder().encodeToString(c.doFinal(plain));
    }
}
