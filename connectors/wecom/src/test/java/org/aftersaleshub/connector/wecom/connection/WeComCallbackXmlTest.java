package org.aftersaleshub.connector.wecom.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Callback XML (docs/vendor-apis/wecom.md §4.4, §4.7): the card click's fields and identity, the envelope in both
 * forms, and no DOCTYPE — so neither an external entity (XXE) nor an entity bomb is ever expanded.
 */
class WeComCallbackXmlTest {

    private static final String CLICK = "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>"
            + "<FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1700000000</CreateTime>"
            + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>"
            + "<EventKey><![CDATA[accept:7d1c0c57-1111-4c2e-9d7a-0d6f1e2a3b4c]]></EventKey>"
            + "<TaskId><![CDATA[tkt-7d1c0c57-1111-4c2e-9d7a-0d6f1e2a3b4c-1]]></TaskId>"
            + "<CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc-1]]></ResponseCode>"
            + "<AgentID>1000002</AgentID></xml>";

    @Test
    void aCardClickIsReadWithItsFieldsAndIdentity() {
        WeComCallbackEvent e = WeComCallbackEvent.parse(CLICK);
        assertThat(e.isCardClick()).isTrue();
        assertThat(e.fromUserName()).isEqualTo("zhangsan");
        assertThat(e.createTime()).isEqualTo("1700000000");
        assertThat(e.eventKey()).isEqualTo("accept:7d1c0c57-1111-4c2e-9d7a-0d6f1e2a3b4c");
        assertThat(e.taskId()).isEqualTo("tkt-7d1c0c57-1111-4c2e-9d7a-0d6f1e2a3b4c-1");
        assertThat(e.responseCode()).isEqualTo("rc-1");
        assertThat(e.identity()).isEqualTo("from:zhangsan|1700000000|template_card_event|"
                + "tkt-7d1c0c57-1111-4c2e-9d7a-0d6f1e2a3b4c-1|accept:7d1c0c57-1111-4c2e-9d7a-0d6f1e2a3b4c");
    }

    @Test
    void theEnvelopeIsReadFromXmlOrJson() {
        assertThat(WeComCallbackXml.encryptedText("<xml><ToUserName><![CDATA[ww1]]></ToUserName>"
                + "<Encrypt><![CDATA[abc=]]></Encrypt><AgentID><![CDATA[1]]></AgentID></xml>")).isEqualTo("abc=");
        assertThat(WeComCallbackXml.encryptedText("{\"encrypt\":\"abc=\"}")).isEqualTo("abc=");
        assertThatThrownBy(() -> WeComCallbackXml.encryptedText("<xml><ToUserName>x</ToUserName></xml>"))
                .isInstanceOfSatisfying(WeComCallbackException.class,
                        e -> assertThat(e.failure()).isEqualTo(WeComCallbackException.Failure.PARSE_ERROR));
        assertThatThrownBy(() -> WeComCallbackXml.encryptedText("<xml><Encrypt>"))
                .isInstanceOf(WeComCallbackException.class);
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><Encrypt>&x;</Encrypt></xml>";
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;"
                + "&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><xml><Encrypt>&c;</Encrypt></xml>";
        for (String hostile : new String[] {xxe, bomb}) {
            assertThatThrownBy(() -> WeComCallbackXml.encryptedText(hostile))
                    .isInstanceOfSatisfying(WeComCallbackException.class, e -> {
                        assertThat(e.failure()).isEqualTo(WeComCallbackException.Failure.PARSE_ERROR);
                        assertThat(e.getMessage()).doesNotContain("root:");
                    });
        }
    }
}
