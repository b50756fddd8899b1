package org.aftersaleshub.mock.dingtalk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.aftersaleshub.mock.dingtalk.DingTalkTokenTest.legacyToken;
import static org.aftersaleshub.mock.imcrm.Http.JSON;
import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.send;
import static org.aftersaleshub.mock.imcrm.Http.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.HubStub;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/vendor-apis/dingtalk.md §7, §9.5, §10.2: interactive cards and signed button clicks sent to the hub. */
class DingTalkCardTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    @RegisterExtension
    WireMockExtension hub = HubStub.perTest();

    @BeforeEach
    void stubHub() {
        hub.stubFor(post(urlPathEqualTo("/dingtalk/card")).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    DingTalkMock mock() {
        return mocks.get(DingTalkMock.class);
    }

    Http.Res newApi(String method, String path, String token, String body) {
        return send(method, mock().baseUrl() + path,
                Map.of("Content-Type", "application/json", "x-acs-dingtalk-access-token", token), body);
    }

    void registerAndCreate(String token, String apiSecret) {
        var reg = newApi("POST", "/v1.0/card/callbacks/register", token,
                "{\"apiSecret\":\"" + apiSecret + "\",\"callbackUrl\":\"" + hub.baseUrl() + "/dingtalk/card\","
                        + "\"callbackRouteKey\":\"aftersales\",\"forceUpdate\":true}");
        assertThat(reg.status()).isEqualTo(200);
        assertThat(reg.json().get("success").asBoolean()).isTrue();
        var card = newApi("POST", "/v1.0/card/instances/createAndDeliver", token,
                "{\"cardTemplateId\":\"tpl.schema\",\"outTrackId\":\"ticket-T1\",\"callbackType\":\"HTTP\","
                        + "\"callbackRouteKey\":\"aftersales\",\"openSpaceId\":\"dtv1.card//IM_ROBOT.ding_user_001;\","
                        + "\"imRobotOpenDeliverModel\":{\"spaceType\":\"IM_ROBOT\"},"
                        + "\"cardData\":{\"cardParamMap\":{\"title\":\"工单 T1\"}}}");
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.json().at("/result/outTrackId").asText()).isEqualTo("ticket-T1");
        assertThat(card.json().at("/result/deliverResults/0/success").asBoolean()).isTrue();
        assertThat(card.json().at("/result/deliverResults/0/spaceType").asText()).isEqualTo("IM_ROBOT");
    }

    @Test
    void createsUpdatesAndRecordsCards() {
        String token = legacyToken(mock());
        registerAndCreate(token, "card-secret-123");
        var upd = newApi("PUT", "/v1.0/card/instances", token,
                "{\"outTrackId\":\"ticket-T1\",\"cardData\":{\"cardParamMap\":{\"title\":\"已接单\"}}}");
        assertThat(upd.json().get("success").asBoolean()).isTrue();
        JsonNode card = state(mock()).at("/cards/ticket-T1");
        assertThat(card.at("/cardData/cardParamMap/title").asText()).isEqualTo("已接单");
        assertThat(card.get("updates")).hasSize(1);
        assertThat(newApi("PUT", "/v1.0/card/instances", token, "{\"outTrackId\":\"nope\"}").status()).isEqualTo(400);
    }

    @Test
    void clickIsSignedWithTheDerivedVectorAndCarriesContentAsAString() throws Exception {
        registerAndCreate(legacyToken(mock()), "card-secret-123");
        var attempt = admin(mock(), "card/click", "{\"outTrackId\":\"ticket-T1\",\"userId\":\"ding_user_001\","
                + "\"params\":{\"action\":\"accept\"},\"timestamp\":\"1700000000000\"}");
        assertThat(attempt.get("accepted").asBoolean()).isTrue();

        List<LoggedRequest> got = hub.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/dingtalk/card")));
        assertThat(got).hasSize(1);
        LoggedRequest r = got.get(0);
        assertThat(r.getHeader("x-ddpaas-signature-timestamp")).isEqualTo("1700000000000");
        assertThat(r.getHeader("x-ddpaas-signature")).isEqualTo("xIQfsr859P7C5+Mr43S2wKNhM6hDAPo5Ln6JwUTb0F8=");
        JsonNode body = JSON.readTree(r.getBodyAsString());
        assertThat(body.get("type").asText()).isEqualTo("actionCallback");
        assertThat(body.get("outTrackId").asText()).isEqualTo("ticket-T1");
        assertThat(body.get("userId").asText()).isEqualTo("ding_user_001");
        assertThat(body.get("content").isTextual()).isTrue();
        JsonNode content = JSON.readTree(body.get("content").asText());
        assertThat(content.at("/cardPrivateData/params/action").asText()).isEqualTo("accept");
        assertThat(content.at("/cardPrivateData/actionIds/0").asText()).isEqualTo("1");
        assertThat(state(mock()).at("/callbacks/attempts/0/kind").asText()).isEqualTo("card:click");
    }

    @Test
    void tamperedAndUnsignedClicks() {
        registerAndCreate(legacyToken(mock()), "card-secret-123");
        admin(mock(), "card/click", "{\"outTrackId\":\"ticket-T1\",\"userId\":\"u\",\"params\":{},"
                + "\"timestamp\":\"1700000000000\",\"signature\":\"tampered\"}");
        admin(mock(), "card/click", "{\"outTrackId\":\"ticket-T1\",\"userId\":\"u\",\"params\":{},\"signature\":\"none\"}");
        var got = hub.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
        assertThat(got).hasSize(2);
        List<String> sigs = got.stream().map(r -> r.getHeader("x-ddpaas-signature")).toList();
        assertThat(sigs).containsExactlyInAnyOrder("AIQfsr859P7C5+Mr43S2wKNhM6hDAPo5Ln6JwUTb0F8=", null);
    }

    @Test
    void aClickTheHubRejectsIsRecordedWithItsReply() {
        hub.stubFor(post(urlPathEqualTo("/dingtalk/card")).willReturn(aResponse().withStatus(401).withBody("bad signature")));
        registerAndCreate(legacyToken(mock()), "card-secret-123");
        var attempt = admin(mock(), "card/click", "{\"outTrackId\":\"ticket-T1\",\"userId\":\"u\",\"params\":{}}");
        assertThat(attempt.get("accepted").asBoolean()).isFalse();
        assertThat(attempt.get("replyStatus").asInt()).isEqualTo(401);
        assertThat(attempt.get("replyBody").asText()).isEqualTo("bad signature");
    }
}
