package org.aftersaleshub.mock.imcrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors of docs/vendor-apis/dingtalk.md §10.3–§10.5 and docs/vendor-apis/wecom.md §7.4 through the
 * shared callback crypto.
 */
class WxCallbackCryptoTest {

    @Test
    void decryptsTheOfficialDingTalkPushAndReproducesItFromItsRandomPrefix() {
        var crypto = new WxCallbackCrypto("mryue", "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7");
        String encrypt = "0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3";
        assertThat(crypto.signature("1608001896814", "WL4PK6yA", encrypt)).isEqualTo("03044561471240d4a14bb09372dfcfd4fd0e40cb");
        var d = crypto.decrypt(encrypt);
        assertThat(d.message()).isEqualTo("{\"EventType\":\"check_url\"}");
        assertThat(d.receiveId()).isEqualTo("ding6ccabc44d2c8d38b");
        assertThat(crypto.encrypt(d.random16(), d.message(), d.receiveId())).isEqualTo(encrypt);
    }

    @Test
    void verifiesTheOfficialDingTalkReplyAndRejectsAOneCharacterChange() {
        var crypto = new WxCallbackCrypto("123456", "1234567890123456789012345678901234567890123");
        String enc = "YvkvaGe4hQxd3VxRmEty0dVlnCOAqwf56xwTRHDHoOURqhalbmBJQk5FNcRk42Gl5T0YQXZNwpwWSm1xAFJ5ZA==";
        assertThat(crypto.verifyAndDecrypt("9a95a004dd16f5c307e849b994173f76aa26e5eb", "1614767836", "A7Co0cJLMzIDtMMI",
                enc, "dingsnotzck6pm5veliw")).isEqualTo("success");
        assertThat(new String(crypto.decrypt(enc).random16(), StandardCharsets.UTF_8)).isEqualTo("dICkEDLj0eb6yAbc");
        assertThatThrownBy(() -> crypto.verifyAndDecrypt("9a95a004dd16f5c307e849b994173f76aa26e5ec", "1614767836",
                "A7Co0cJLMzIDtMMI", enc, "dingsnotzck6pm5veliw"))
                .isInstanceOfSatisfying(WxCallbackCrypto.CryptoException.class,
                        e -> assertThat(e.failure.dingTalkCode).isEqualTo(900006));
        assertThatThrownBy(() -> crypto.verifyAndDecrypt("9a95a004dd16f5c307e849b994173f76aa26e5eb", "1614767836",
                "A7Co0cJLMzIDtMMI", enc, "ding6ccabc44d2c8d38b"))
                .isInstanceOfSatisfying(WxCallbackCrypto.CryptoException.class,
                        e -> assertThat(e.failure.dingTalkCode).isEqualTo(900010));
    }

    @Test
    void producesTheDerivedDingTalkReply() {
        var crypto = new WxCallbackCrypto("123456", "1234567890123456789012345678901234567890123");
        String enc = crypto.encrypt("aaaabbbbccccdddd".getBytes(StandardCharsets.UTF_8), "success", "dingsnotzck6pm5veliw");
        assertThat(enc).isEqualTo("XAJ8DensDw7dyDguSs6YzcXlC6jVdu35UT+MpIchwaoiePY+VoNmfsZBFMIC3EFe23BP5MkDIu3zGjdPCVxjFw==");
        assertThat(crypto.signature("1700000000000", "nonce12345678901", enc)).isEqualTo("521e05a884625444141853c662679f11bf701bbb");
    }

    @Test
    void reproducesTheWxJavaAesKnownAnswer() {
        var crypto = new WxCallbackCrypto("pamtest", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        String enc = crypto.encrypt("aaaabbbbccccdddd".getBytes(StandardCharsets.UTF_8), "我是中文abcd123", "wxb11529c136998cb6");
        assertThat(enc).isEqualTo("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");
        assertThat(crypto.signature("1409304348", "xxxxxx", enc)).isEqualTo("82c962d39941aa48552f90ef55aa323dc620cc10");
    }

    @Test
    void rejectsAKeyThatIsNot43Characters() {
        assertThatThrownBy(() -> new WxCallbackCrypto("t", "123456789012345678901234567890123456789012"))
                .isInstanceOfSatisfying(WxCallbackCrypto.CryptoException.class,
                        e -> assertThat(e.failure.dingTalkCode).isEqualTo(900004));
    }
}
