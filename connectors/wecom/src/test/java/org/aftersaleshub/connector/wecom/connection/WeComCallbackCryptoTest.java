package org.aftersaleshub.connector.wecom.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackException.Failure;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * WeCom callback crypto against Tencent's official sample (docs/vendor-apis/wecom.md §7.1 to §7.3), WxJava's AES known
 * answer (docs/vendor-apis/wecom.md §7.4) and the derived vectors (docs/vendor-apis/wecom.md §7.5, §7.6); every refusal
 * is a typed exception that names no secret. Broken ciphertexts are built here with JCA directly.
 */
class WeComCallbackCryptoTest {

    // docs/vendor-apis/wecom.md §7.1
    private static final String TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    private static final String KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    private static final String CORP_ID = "ww1436e0e65a779aee";
    // docs/vendor-apis/wecom.md §7.3
    private static final String EVENT_ENCRYPT = "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8N"
            + "slNPVdMwmBQTNoW4mY7AIjeLv"
            + "El3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6"
            + "GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65"
            + "HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJO"
            + "pcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+";

    private final WeComCallbackCrypto crypto = new WeComCallbackCrypto(TOKEN, KEY, CORP_ID);

    @Test
    void theOfficialUrlVerificationAnswersItsPlaintext() {
        assertThat(crypto.verifyUrl("012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb", "1476416373", "47744683",
                "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA=="))
                .isEqualTo("1288432023552776189");
    }

    @Test
    void theOfficialEventDecryptsToItsXmlAndIdentifiesByMsgId() {
        String xml = crypto.verifyAndDecrypt("0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "1476422779", "1597212914",
                EVENT_ENCRYPT);
        assertThat(xml).isEqualTo("<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun"
                + "</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content>"
                + "<MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>");
        WeComCallbackEvent event = WeComCallbackEvent.parse(xml);
        assertThat(event.fromUserName()).isEqualTo("ChenJiaShun");
        assertThat(event.field("Content")).isEqualTo("你好");
        assertThat(event.isCardClick()).isFalse();
        assertThat(event.identity()).isEqualTo("msgId:1456453720");
    }

    @Test
    void theWxJavaKnownAnswerEncryptsAndSignsAlike() {
        WeComCallbackCrypto wxj = new WeComCallbackCrypto("pamtest", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "wxb11529c136998cb6");
        String encrypt = wxj.encrypt("aaaabbbbccccdddd".getBytes(StandardCharsets.US_ASCII), "我是中文abcd123");
        assertThat(encrypt).isEqualTo("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd"
                + "832WzZGMhkP72vVOfg==");
        assertThat(wxj.signature("1409304348", "xxxxxx", encrypt))
                .isEqualTo("82c962d39941aa48552f90ef55aa323dc620cc10");
        assertThat(wxj.verifyAndDecrypt("82c962d39941aa48552f90ef55aa323dc620cc10", "1409304348", "xxxxxx", encrypt))
                .isEqualTo("我是中文abcd123");
    }

    @Test
    void theDerivedEchostrAndPassiveReplyAreReproduced() {
        String echostr = crypto.encrypt("RANDOMRANDOMRAND".getBytes(StandardCharsets.US_ASCII), "1234567890123456789");
        assertThat(echostr).isEqualTo("tDlielfIcvVAIcICe0moa/Bfw0rOfZygbEDzbNwZgATJUxBP9oxuLJLg4ziXkuCVYRFojzz/"
                + "4z7C+fNh0pCzzw==");
        assertThat(crypto.signature("1700000000", "987654", echostr))
                .isEqualTo("4a7766f4027822cd8a77eb6ef22f591710b67be2");

        WeComCallbackCrypto.Reply reply = crypto.reply("0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
                "<xml><ToUserName><![CDATA[zhangsan]]></ToUserName><MsgType><![CDATA[text]]></MsgType>"
                        + "<Content><![CDATA[ok]]></Content></xml>", "1700000000", "123456");
        assertThat(reply.encrypt()).isEqualTo(
                "scEag1243Fmy/fYz4Ux8D0zExmv57p3MkgGBRUvMJJFNuDUx7PKFpbTVqbj5K3FSVzScdiz87AtswcW0Lv6TQ0B0Fc"
                + "7hHbdmHLrgZz68gkoPrCaImh9P/9TQQIUu1cc9/Lstl3ff3eQc+OvYcg99FK/1Nh3k9FVA5GclgH2neqQ1ACBp+zu9"
                + "RFuo6xCJZrEi7LqvaBB4oiRvEc9zz2zWSRM6BA5tMg1OOcT8rpc9VUujQKAa1voEBvJ0a8DjVGXB");
        assertThat(reply.msgSignature()).isEqualTo("994d0a633f777b7e4956989dc29fc84fa4210710");
        assertThat(WeComCallbackXml.fields(reply.toXml())).containsEntry("Encrypt", reply.encrypt())
                .containsEntry("MsgSignature", reply.msgSignature()).containsEntry("TimeStamp", "1700000000")
                .containsEntry("Nonce", "123456");
    }

    @Test
    void aTamperedSignatureIsRefused() {
        assertRefused(() -> crypto.verifyAndDecrypt("0c3914025cb4b4d68103f6bfc8db550f79dcf48f", "1476422779",
                "1597212914", EVENT_ENCRYPT), Failure.SIGNATURE_MISMATCH, -40001);
        assertRefused(() -> crypto.verifyAndDecrypt("0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "1476422780",
                "1597212914", EVENT_ENCRYPT), Failure.SIGNATURE_MISMATCH, -40001);
        assertRefused(() -> crypto.verifyAndDecrypt(null, "1476422779", "1597212914", EVENT_ENCRYPT),
                Failure.SIGNATURE_MISMATCH, -40001);
    }

    @Test
    void aCallbackForAnotherCorpIsRefusedByItsReceiveId() {
        WeComCallbackCrypto otherCorp = new WeComCallbackCrypto(TOKEN, KEY, "ww0000000000000000");
        assertRefused(() -> otherCorp.verifyAndDecrypt("0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "1476422779",
                "1597212914", EVENT_ENCRYPT), Failure.RECEIVE_ID_MISMATCH, -40005);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedWithoutEchoingIt() {
        for (String bad : new String[] {KEY.substring(2), KEY + "A", KEY.substring(1) + "_", null}) {
            assertThatThrownBy(() -> new WeComCallbackCrypto(TOKEN, bad, CORP_ID))
                    .isInstanceOfSatisfying(WeComCallbackException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.ILLEGAL_AES_KEY);
                        assertThat(e.failure().code()).isEqualTo(-40004);
                        if (bad != null) {
                            assertThat(e.getMessage()).doesNotContain(bad);
                        }
                    });
        }
    }

    @Test
    void brokenCiphertextsAreTypedRefusals() throws Exception {
        assertRefused(() -> crypto.open("%%%"), Failure.BASE64_DECODE_ERROR, -40010);
        assertRefused(() -> crypto.open(Base64.getEncoder().encodeToString(new byte[20])), Failure.DECRYPT_ERROR,
                -40007);
        byte[] key = Base64.getDecoder().decode(KEY + "=");
        assertRefused(() -> crypto.open(rawEncrypt(key, endingIn(32, 0))), Failure.DECRYPT_ERROR, -40007);
        assertRefused(() -> crypto.open(rawEncrypt(key, endingIn(64, 40))), Failure.DECRYPT_ERROR, -40007);
        assertRefused(() -> crypto.open(rawEncrypt(key, endingIn(64, 3, 2))), Failure.DECRYPT_ERROR, -40007);
        ByteBuffer lying = ByteBuffer.allocate(64).put(new byte[16]).putInt(Integer.MAX_VALUE).put(new byte[12]);
        for (int i = 0; i < 32; i++) {
            lying.put((byte) 32);
        }
        assertRefused(() -> crypto.open(rawEncrypt(key, lying.array())), Failure.ILLEGAL_BUFFER, -40008);
    }

    private static void assertRefused(ThrowingCallable call, Failure failure, int code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WeComCallbackException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e.failure().code()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith(code + " ").doesNotContain(TOKEN).doesNotContain(KEY);
            assertThat(e.getStackTrace()).isEmpty();
        });
    }

    private static byte[] endingIn(int length, int... last) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 'x');
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
