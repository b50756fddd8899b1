package org.aftersaleshub.connector.crm.fxiaoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.aftersaleshub.connector.crm.ChangeCursor;
import org.aftersaleshub.connector.crm.ChangePage;
import org.aftersaleshub.connector.crm.CrmRecord;
import org.aftersaleshub.connector.crm.Criterion;
import org.aftersaleshub.connector.crm.MatchResult;
import org.aftersaleshub.connector.crm.RecordWrite;
import org.aftersaleshub.connector.crm.UpsertResult;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SPI against the FXiaoKe mock's object API (docs/vendor-apis/fxiaoke.md §5): keyed upserts and write-once
 * creates, the ambiguous key, what an update sends (never the owner; workflows off), batch results per record,
 * matching in order, deep paging past the offset limit, and change polling without gaps or re-reads.
 */
class FxiaokeRecordsTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("fxiaoke");

    private FxiaokeMock mock;
    private FxiaokeConnector connector;

    @BeforeEach
    void seed() {
        mock = mocks.get(FxiaokeMock.class);
        FxiaokeFixture.seedCanaryApp(mock);
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.stop();
        }
    }

    private FxiaokeConnector start(Map<String, String> extra) {
        Map<String, String> keys = FxiaokeFixture.keys(mock);
        keys.putAll(extra);
        connector = new FxiaokeConnector(mock.clock());
        connector.start(keys);
        return connector;
    }

    private FxiaokeConnector started() {
        return connector != null ? connector : start(Map.of());
    }

    @Test
    void upsertTwiceMakesOneRecordAndUpdatesIt() {
        UpsertResult first = started().upsertByExternalKey("AccountObj", "account_no", "HUB-C-1001",
                Map.of("name", "苏州新客户有限公司", "tel", "0512-1234567"));
        UpsertResult second = connector.upsertByExternalKey("AccountObj", "account_no", "HUB-C-1001",
                Map.of("name", "苏州新客户有限公司", "tel", "0512-7654321"));

        assertThat(first.status()).isEqualTo(UpsertResult.Status.CREATED);
        assertThat(second.status()).isEqualTo(UpsertResult.Status.UPDATED);
        assertThat(second.id()).isEqualTo(first.id());
        List<Map<String, Object>> held = FxiaokeFixture.records(mock, "AccountObj", "account_no", "HUB-C-1001");
        assertThat(held).hasSize(1);
        assertThat(held.get(0)).containsEntry("tel", "0512-7654321").containsEntry("_id", first.id());
    }

    @Test
    void anAmbiguousKeyWritesNothing() {
        FxiaokeFixture.seedAccounts(mock, List.of("610000000000000000000001", "610000000000000000000002"),
                List.of("HUB-DUP-1", "HUB-DUP-1"), "华北");

        UpsertResult r = started().upsertByExternalKey("AccountObj", "account_no", "HUB-DUP-1",
                Map.of("name", "改名客户"));

        assertThat(r.status()).isEqualTo(UpsertResult.Status.AMBIGUOUS);
        assertThat(r.matches()).containsExactlyInAnyOrder("610000000000000000000001", "610000000000000000000002");
        assertThat(r.reason()).contains("HUB-DUP-1").contains("nothing written");
        assertThat(FxiaokeFixture.writeRequests(mock)).isEmpty();
        assertThat(FxiaokeFixture.records(mock, "AccountObj", "account_no", "HUB-DUP-1"))
                .extracting(a -> a.get("name")).containsExactly("种子客户0", "种子客户1");
        assertThat(connector.createIfAbsent("AccountObj", "account_no", "HUB-DUP-1", Map.of("name", "x")).status())
                .isEqualTo(UpsertResult.Status.AMBIGUOUS);
        assertThat(FxiaokeFixture.writeRequests(mock)).isEmpty();
    }

    @Test
    void anUpdateNeverSendsTheOwnerAndWritesWithWorkflowsOff() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "北京恒达设备有限公司");
        fields.put("owner", List.of("1001"));
        fields.put("tel", "010-5550001");

        UpsertResult r = started().upsertByExternalKey("AccountObj", "account_no", "C0003", fields);

        assertThat(r.status()).isEqualTo(UpsertResult.Status.UPDATED);
        List<Map<String, Object>> asked = FxiaokeFixture.writeRequests(mock);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsEntry("action", "update").containsEntry("triggerWorkFlow", false);
        @SuppressWarnings("unchecked")
        List<String> sent = (List<String>) asked.get(0).get("fields");
        assertThat(sent).contains("name", "tel", "_id").doesNotContain("owner");
        assertThat(mock.record("AccountObj", "600000000000000000000003").at("/owner/0").asText()).isEqualTo("1000");
        assertThat(mock.record("AccountObj", "600000000000000000000003").get("tel").asText()).isEqualTo("010-5550001");

        connector.upsertByExternalKey("AccountObj", "account_no", "HUB-C-NEW", Map.of("name", "新客户"));
        assertThat(FxiaokeFixture.writeRequests(mock).get(1)).containsEntry("action", "create")
                .containsEntry("triggerWorkFlow", false);
    }

    @Test
    void aServiceRecordIsCreatedOncePerTicketOnTheCustomObjectPath() {
        Map<String, Object> fields = Map.of("name", "TK-2001 维修记录", "result__c", "更换压缩机");

        UpsertResult first = started().createIfAbsent("ServiceTicket__c", "ticket_no__c", "TK-2001", fields);
        UpsertResult again = connector.createIfAbsent("ServiceTicket__c", "ticket_no__c", "TK-2001",
                Map.of("name", "TK-2001 改写"));

        assertThat(first.status()).isEqualTo(UpsertResult.Status.CREATED);
        assertThat(again.status()).isEqualTo(UpsertResult.Status.EXISTED);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(FxiaokeFixture.records(mock, "ServiceTicket__c", "ticket_no__c", "TK-2001")).hasSize(1)
                .allMatch(t -> "TK-2001 维修记录".equals(t.get("name")));
        assertThat(mock.requests().recent()).filteredOn(e -> e.path().endsWith("/create"))
                .allMatch(e -> e.path().equals("/cgi/crm/custom/v2/data/create")).hasSize(1);
    }

    @Test
    void aBatchReportsEachRecordAndARefusalIsData() {
        List<UpsertResult> results = started().upsertAll("AccountObj", "account_no", List.of(
                new RecordWrite("HUB-B-1", Map.of("name", "批量一")),
                new RecordWrite("HUB-B-2", Map.of("tel", "021-000")), // no name: FXiaoKe refuses the create
                new RecordWrite("C0004", Map.of("tel", "020-111")),
                new RecordWrite("bad key\"", Map.of("name", "x"))));

        assertThat(results).extracting(UpsertResult::status).containsExactly(UpsertResult.Status.CREATED,
                UpsertResult.Status.FAILED, UpsertResult.Status.UPDATED, UpsertResult.Status.CREATED);
        assertThat(results.get(1).errorCode()).isEqualTo(10006);
        assertThat(results.get(1).retryable()).isFalse();
        assertThat(FxiaokeFixture.records(mock, "AccountObj", "account_no", "HUB-B-1")).hasSize(1);
        assertThat(FxiaokeFixture.records(mock, "AccountObj", "account_no", "HUB-B-2")).isEmpty();

        List<UpsertResult> badObject = connector.upsertAll("AccountObj", "account_no", List.of(
                new RecordWrite(" ", Map.of("name", "空键"))));
        assertThat(badObject).singleElement().extracting(UpsertResult::status).isEqualTo(UpsertResult.Status.FAILED);
    }

    @Test
    void matchTriesTheCriteriaInOrder() {
        MatchResult byName = started().match("AccountObj", List.of(new Criterion("account_no", "HUB-UNKNOWN"),
                new Criterion("tel", ""), new Criterion("name", "上海精工机械有限公司")), 5);
        assertThat(byName.matchedBy().field()).isEqualTo("name");
        assertThat(byName.unique()).isTrue();
        assertThat(byName.records().get(0).id()).isEqualTo("600000000000000000000001");

        MatchResult byId = connector.match("AccountObj", List.of(new Criterion("account_no", "C0002"),
                new Criterion("name", "上海精工机械有限公司")), 5);
        assertThat(byId.matchedBy().field()).isEqualTo("account_no");
        assertThat(byId.records()).extracting(CrmRecord::id).containsExactly("600000000000000000000002");

        MatchResult contact = connector.match("ContactObj", List.of(new Criterion("mobile1", "13800001000")), 5);
        assertThat(contact.records()).singleElement().extracting(c -> c.text("account_id"))
                .isEqualTo("600000000000000000000001");
        assertThat(connector.get("AccountObj", "600000000000000000000002")).get().extracting(a -> a.text("name"))
                .isEqualTo("广州华信制冷有限公司");
        assertThat(connector.get("AccountObj", "6000000000000000000000ff")).isEmpty();
    }

    @Test
    void pagesPastTheDeepestOffsetContinueAfterTheLastId() {
        mock.settings().maxOffset = 20; // the gateway's 10 000, scaled down: offset 30 would be 10013
        List<String> ids = new ArrayList<>();
        List<String> nos = new ArrayList<>();
        IntStream.range(0, 45).forEach(i -> {
            ids.add(String.format("62%022d", i));
            nos.add("HUB-DEEP-" + i);
        });
        FxiaokeFixture.seedAccounts(mock, ids, nos, "深页区");
        start(Map.of("fxiaoke.page-size", "10", "fxiaoke.max-offset", "20"));

        List<CrmRecord> all = connector.findBy("AccountObj", "region__c", "深页区", 1000);

        assertThat(all).extracting(CrmRecord::id).containsExactlyElementsOf(ids);
        // offsets 0, 10, 20, then _id GT the 30th and the 40th record
        assertThat(mock.requests().count("data/query")).isEqualTo(5);
    }

    @Test
    void changePollingNeverSkipsAndNeverRereads() {
        start(Map.of("fxiaoke.page-size", "5"));
        // the 20 seeded accounts share one modified time: the cursor must page through a tie
        Set<String> seen = new HashSet<>();
        ChangeCursor cursor = ChangeCursor.start(0);
        int pages = 0;
        ChangePage page;
        do {
            page = connector.changedSince("AccountObj", cursor, 7);
            page.records().forEach(r -> assertThat(seen.add(r.id())).as("read twice: " + r.id()).isTrue());
            cursor = page.next();
            pages++;
        } while (page.more() && pages < 10);
        assertThat(seen).hasSize(20);
        assertThat(connector.changedSince("AccountObj", cursor, 7).records()).isEmpty();

        mock.clock().advance(Duration.ofSeconds(1));
        connector.upsertByExternalKey("AccountObj", "account_no", "C0007", Map.of("tel", "0755-1"));
        connector.upsertByExternalKey("AccountObj", "account_no", "HUB-C-POLL", Map.of("name", "轮询客户"));

        ChangePage changed = connector.changedSince("AccountObj", cursor, 7);
        assertThat(changed.records()).extracting(r -> r.text("account_no")).containsExactly("C0007", "HUB-C-POLL");
        assertThat(changed.more()).isFalse();
        assertThat(connector.changedSince("AccountObj", changed.next(), 7).records()).isEmpty();
    }
}
