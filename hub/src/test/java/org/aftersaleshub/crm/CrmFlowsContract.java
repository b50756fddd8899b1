package org.aftersaleshub.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.connector.crm.CrmConnector;
import org.aftersaleshub.connector.crm.UpsertResult;
import org.aftersaleshub.deadletter.DeadLetterService;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CRM flows through the shipped routes (routes/crm-*.yaml) against the FXiaoKe mock, which calls the hub back on
 * every change of its records as the CRM does: a ticket's unknown customer enriched from the CRM, a changed customer
 * written once, one service-history record per ticket (also after a dead-letter replay), CRM changes arriving by
 * callback once, and tampered callbacks refused. What is asserted is what the mock and the customer table end up with.
 * Run on H2 ({@link CrmFlowsH2Test}) and PostgreSQL ({@link CrmFlowsPostgresTest}).
 */
abstract class CrmFlowsContract extends ApiTestSupport {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** The subclass's mock, on which its hub's instance {@value CrmMocks#INSTANCE} is declared. */
    abstract FxiaokeMock crmMock();

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The properties both databases share: the mock's instance, the shipped CRM routes, fast retries. */
    static void properties(DynamicPropertyRegistry r, FxiaokeMock mock, int port) {
        CrmMocks.hubProperties(mock).forEach((k, v) -> r.add(k, () -> v));
        r.add("server.port", () -> port);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "crm-*.yaml");
        // callbacks only: the poller has its own test (CrmPollRestartTest)
        r.add("hub.crm.poll.enabled", () -> "false");
        r.add("hub.delivery.max-attempts", () -> "2");
        r.add("hub.delivery.initial-backoff-ms", () -> "50");
        r.add("hub.delivery.max-backoff-ms", () -> "200");
        mock.settings().callback.url = "http://127.0.0.1:" + port + "/callbacks/crm/" + CrmMocks.INSTANCE;
    }

    // ------------------------------------------------------------------ TicketCreated → match and enrich

    @Test
    void aTicketForACustomerTheHubDoesNotKnowCreatesItFromTheCrmRecordFoundByItsId() {
        // the mock's demo tenant holds C0003 (account_no) with one contact
        String id = ticket("C0003");
        await().atMost(WAIT).until(() -> customer("C0003") != null);
        Map<String, Object> c = customer("C0003");
        assertThat(c.get("crm_id")).isEqualTo("600000000000000000000003");
        assertThat(c.get("name")).isEqualTo(CrmMocks.records(crmMock(), "AccountObj", "_id",
                "600000000000000000000003").get(0).get("name"));
        assertThat(c.get("source")).isEqualTo("CRM");
        assertThat(jdbc.queryForList("select name from customer_contact where customer_id = 'C0003'", String.class))
                .hasSize(1);
        assertThat(changedEvents("C0003")).isEqualTo(1);
        assertThat(id).isNotBlank();
    }

    @Test
    void aTicketForACustomerKnownOnlyByPhoneTakesNameAndContactsFromTheCrmRecordWithThatPhone() {
        String tag = tag();
        String phone = "139" + String.format("%08d", Math.abs(tag.hashCode()) % 100_000_000);
        UpsertResult account = crm().upsertByExternalKey("AccountObj", "account_no", "CRM-ONLY-" + tag,
                Map.of("name", "杭州宏达机电" + tag, "tel", phone, "address", "杭州市西湖区"));
        crm().upsertByExternalKey("ContactObj", "mobile1", "1370000" + tag.substring(0, 4),
                Map.of("name", "赵工", "account_id", account.id()));
        String customerId = "C-P-" + tag;
        insertCustomer(customerId, "未知客户", phone, null, null);

        ticket(customerId);

        await().atMost(WAIT).until(() -> account.id().equals(customer(customerId).get("crm_id")));
        Map<String, Object> c = customer(customerId);
        assertThat(c.get("name")).isEqualTo("杭州宏达机电" + tag);
        assertThat(c.get("address")).isEqualTo("杭州市西湖区");
        assertThat(jdbc.queryForList("select name from customer_contact where customer_id = ?", String.class,
                customerId)).containsExactly("赵工");
        assertThat(changedEvents(customerId)).isEqualTo(1);
    }

    @Test
    void aTicketWhoseReporterPhoneIsTheCrmRecordsCreatesTheCustomerFromIt() {
        String tag = tag();
        String phone = "136" + String.format("%08d", Math.abs(tag.hashCode()) % 100_000_000);
        UpsertResult account = crm().upsertByExternalKey("AccountObj", "account_no", "CRM-R-" + tag,
                Map.of("name", "宁波海天注塑" + tag, "tel", phone));
        String customerId = "C-R-" + tag;
        // the ticket and its reporter in one transaction, as the ticket API stores them
        bean(TransactionTemplate.class).executeWithoutResult(s -> {
            String id = bean(TicketService.class).create(new CreateTicketRequest(Channel.CALL_CENTER, customerId, null,
                    "制冷异常", "报修人来电", Priority.NORMAL, "华东", null, null, null), "test").id();
            jdbc.update("update ticket set reporter_name = '钱师傅', reporter_phone = ? where id = ?", phone, id);
        });

        await().atMost(WAIT).until(() -> customer(customerId) != null);
        assertThat(customer(customerId).get("crm_id")).isEqualTo(account.id());
        assertThat(customer(customerId).get("name")).isEqualTo("宁波海天注塑" + tag);
        assertThat(customer(customerId).get("phone")).isEqualTo(phone);
    }

    @Test
    void theCrmInstanceIsListedWithItsOperations() {
        ApiTestClient.Answer a = client("crm-admin", ApiScope.ADMIN).get("/api/v1/connectors");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.body()).contains("\"" + CrmMocks.INSTANCE + "\"").contains("\"fxiaoke\"")
                .contains("changed-since");
    }

    // ------------------------------------------------------------------ CustomerChanged → upsert

    @Test
    void aChangedCustomerIsWrittenOnceRepeatedEventsSendNothingAndItsEchoDoesNotComeBack() {
        String customerId = "C-U-" + tag();
        insertCustomer(customerId, "苏州新锐电子", "13912345678", "A", "华东");
        for (int i = 0; i < 3; i++) {
            announce(customerId);
        }
        await().atMost(WAIT).until(() -> customer(customerId).get("crm_id") != null);
        String crmId = (String) customer(customerId).get("crm_id");
        // all three events taken (one consumer, in order): a later customer's write is there
        String sentinel = "C-S-" + tag();
        insertCustomer(sentinel, "哨兵客户", null, "B", null);
        announce(sentinel);
        await().atMost(WAIT).until(() -> customer(sentinel).get("crm_id") != null);

        assertThat(CrmMocks.records(crmMock(), "AccountObj", "account_no", customerId)).hasSize(1);
        assertThat(CrmMocks.writes(crmMock(), "AccountObj", crmId)).hasSize(1);
        Map<String, Object> record = CrmMocks.records(crmMock(), "AccountObj", "account_no", customerId).get(0);
        assertThat(record.get("name")).isEqualTo("苏州新锐电子");
        assertThat(record.get("account_level")).isEqualTo("A");

        // the hub's tier changes: one update, with the hub's fields only (the CRM owns the name from now on)
        jdbc.update("update customer set tier = 'B', name = '苏州新锐电子（改）' where id = ?", customerId);
        announce(customerId);
        await().atMost(WAIT).until(() -> CrmMocks.writes(crmMock(), "AccountObj", crmId).size() == 2);
        Map<String, Object> updated = CrmMocks.records(crmMock(), "AccountObj", "account_no", customerId).get(0);
        assertThat(updated.get("account_level")).isEqualTo("B");
        assertThat(updated.get("name")).isEqualTo("苏州新锐电子");

        // both writes came back as callbacks; they are the hub's own and raise nothing
        await().atMost(WAIT).until(() -> processedCallbacks(crmId) >= 2);
        announce(sentinel);
        await().atMost(WAIT).until(() -> outboxPublished());
        assertThat(changedEvents(customerId)).as("only the four the test wrote").isEqualTo(4);
        assertThat(CrmMocks.writes(crmMock(), "AccountObj", crmId)).hasSize(2);
    }

    @Test
    void aCustomerCreatedAndChangedThroughTheMasterDataApiIsInTheCrmOnceAndAnUnchangedWriteSendsNothing() {
        ApiTestClient md = client("crm-md", ApiScope.MASTERDATA_WRITE, ApiScope.TICKETS_READ);
        String id = "C-M-" + tag();
        ApiTestClient.Answer created = md.post("/api/v1/customers", """
                {"id":"%s","name":"无锡恒通制冷","phone":"13955556666","region":"华东","tier":"VIP"}""".formatted(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(WAIT).until(() -> customer(id).get("crm_id") != null);
        String crmId = (String) customer(id).get("crm_id");
        assertThat(CrmMocks.records(crmMock(), "AccountObj", "account_no", id)).hasSize(1);

        // a real change of a hub-owned field: one more write
        ApiTestClient.Answer read = md.get("/api/v1/customers/" + id);
        com.fasterxml.jackson.databind.node.ObjectNode edited = (com.fasterxml.jackson.databind.node.ObjectNode)
                read.json().deepCopy();
        edited.remove(List.of("source", "createdAt", "updatedAt"));
        String body = edited.put("tier", "STANDARD").toString();
        ApiTestClient.Answer changed = md.send(md.request("/api/v1/customers/" + id)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> CrmMocks.writes(crmMock(), "AccountObj", crmId).size() == 2);
        assertThat(CrmMocks.records(crmMock(), "AccountObj", "account_no", id).get(0).get("account_level"))
                .isEqualTo("STANDARD");

        // the same row written again (a re-import): no event, nothing sent
        long events = changedEvents(id);
        bean(TransactionTemplate.class).executeWithoutResult(tx -> bean(
                org.aftersaleshub.masterdata.customer.CustomerService.class).upsert(
                new org.aftersaleshub.masterdata.customer.CustomerRequest(id, "无锡恒通制冷", "13955556666", "华东",
                        "STANDARD", null, crmId, null, List.of(), null), "import", true, "test"));
        assertThat(changedEvents(id)).isEqualTo(events);
        assertThat(CrmMocks.records(crmMock(), "AccountObj", "account_no", id)).hasSize(1);
    }

    @Test
    void customersImportedWithoutCrmPushSendNothingAndALaterChangeOfOneIsSentOnce() {
        String tag = tag();
        String first = "C-I-" + tag + "-1";
        String second = "C-I-" + tag + "-2";
        // the CRM holds both already (the file is its export), with the hub ids in the external-key field
        UpsertResult one;
        UpsertResult two;
        crmMock().settings().callback.pushOnChange = false;
        try {
            one = crm().upsertByExternalKey("AccountObj", "account_no", first, Map.of("name", "南京恒润制冷" + tag));
            two = crm().upsertByExternalKey("AccountObj", "account_no", second, Map.of("name", "合肥安达冷链" + tag));
        } finally {
            crmMock().settings().callback.pushOnChange = true;
        }
        int writesOne = CrmMocks.writes(crmMock(), "AccountObj", one.id()).size();
        int writesTwo = CrmMocks.writes(crmMock(), "AccountObj", two.id()).size();
        String csv = "\uFEFF客户编号,客户名称,电话,区域,客户等级,地址,CRM编号,ERP客户编码,联系人,联系人电话\n"
                + first + ",南京恒润制冷" + tag + ",,华东,VIP,," + one.id() + ",,,\n"
                + second + ",合肥安达冷链" + tag + ",,华东,重点,," + two.id() + ",,王经理,13800001111\n";
        ApiTestClient md = client("crm-import", ApiScope.MASTERDATA_WRITE, ApiScope.TICKETS_READ);

        ApiTestClient.Answer accepted = md.send(md.request("/api/v1/imports/customers?crmPush=false")
                .header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))).build());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String job = accepted.header("Location");
        await().atMost(WAIT).until(() -> md.get(job).json().path("state").asText().equals("SUCCEEDED"));
        assertThat(md.get(job).json().path("counts").path("created").asInt()).isEqualTo(2);
        assertThat(md.get(job).json().path("options").path("crmPush").asBoolean(true)).isFalse();
        assertThat(changedEvents(first)).isZero();
        assertThat(changedEvents(second)).isZero();
        // the job's audit entry follows its final state (ImportJobs#run): wait for it
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from audit_log where action = 'import' "
                + "and target = ? and detail like '%crmPush=false%'", Integer.class, "import-job:"
                + job.substring(job.lastIndexOf('/') + 1)) == 1);
        // every event before the sentinel's is taken (one consumer, in order): none reached the CRM
        String sentinel = "C-S-" + tag();
        insertCustomer(sentinel, "哨兵客户", null, "B", null);
        announce(sentinel);
        await().atMost(WAIT).until(() -> customer(sentinel).get("crm_id") != null);
        assertThat(CrmMocks.writes(crmMock(), "AccountObj", one.id())).hasSize(writesOne);
        assertThat(CrmMocks.writes(crmMock(), "AccountObj", two.id())).hasSize(writesTwo);

        // a change of nothing the hub sends (the address is the CRM's): the baseline holds, nothing is sent
        assertThat(put(md, first, "address", "南京市江宁区").status()).isEqualTo(200);
        assertThat(changedEvents(first)).isEqualTo(1);
        String quiet = "C-S-" + tag();
        insertCustomer(quiet, "哨兵客户", null, "B", null);
        announce(quiet);
        await().atMost(WAIT).until(() -> customer(quiet).get("crm_id") != null);
        assertThat(CrmMocks.writes(crmMock(), "AccountObj", one.id())).hasSize(writesOne);

        // a later change of a field the hub sends, through the API: exactly one upsert, onto the CRM's own record
        ApiTestClient.Answer changed = put(md, first, "tier", "STANDARD");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> CrmMocks.writes(crmMock(), "AccountObj", one.id()).size() == writesOne + 1);
        assertThat(CrmMocks.records(crmMock(), "AccountObj", "account_no", first)).hasSize(1);
        assertThat(CrmMocks.records(crmMock(), "AccountObj", "account_no", first).get(0).get("account_level"))
                .isEqualTo("STANDARD");
        // its echo comes back as a callback and raises nothing for the CRM; a second sentinel proves the queue empty
        await().atMost(WAIT).until(() -> processedCallbacks(one.id()) >= 1);
        String sentinel2 = "C-S-" + tag();
        insertCustomer(sentinel2, "哨兵客户", null, "B", null);
        announce(sentinel2);
        await().atMost(WAIT).until(() -> customer(sentinel2).get("crm_id") != null);
        assertThat(CrmMocks.writes(crmMock(), "AccountObj", one.id())).hasSize(writesOne + 1);
        assertThat(CrmMocks.writes(crmMock(), "AccountObj", two.id())).hasSize(writesTwo);
    }

    /** PUT of the customer as read, with one field changed. */
    static ApiTestClient.Answer put(ApiTestClient md, String id, String field, String value) {
        com.fasterxml.jackson.databind.node.ObjectNode edited = (com.fasterxml.jackson.databind.node.ObjectNode)
                md.get("/api/v1/customers/" + id).json().deepCopy();
        edited.remove(List.of("source", "createdAt", "updatedAt"));
        return md.send(md.request("/api/v1/customers/" + id).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(edited.put(field, value).toString())).build());
    }

    @Test
    void crmPushIsRefusedForAnEntityTheCrmNeverHearsOfAndWhenItIsNoBoolean() {
        ApiTestClient md = client("crm-import-bad", ApiScope.MASTERDATA_WRITE);
        for (String query : List.of("/api/v1/imports/parts?crmPush=false", "/api/v1/imports/customers?crmPush=maybe")) {
            ApiTestClient.Answer a = md.send(md.request(query).header("Content-Type", "text/csv")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build());
            assertThat(a.status()).as(query + " " + a.body()).isEqualTo(400);
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.json().path("errors").get(0).path("field").asText()).isEqualTo("crmPush");
        }
        assertThat(jdbc.queryForObject("select count(*) from import_job where entity = 'parts' and actor = ?",
                Integer.class, "crm-import-bad")).isZero();
    }

    // ------------------------------------------------------------------ TicketResolved / TicketClosed → history

    @Test
    void aResolvedAndClosedTicketMakesOneServiceHistoryRecordAlsoAfterADeadLetterReplay() {
        String ticket = ticket("C0001");
        TicketService tickets = bean(TicketService.class);
        tickets.assign(ticket, "E-" + tag(), "test");
        tickets.changeStatus(ticket, TicketStatus.ACCEPTED, null, "test");
        tickets.changeStatus(ticket, TicketStatus.IN_PROGRESS, null, "test");
        // the CRM is busy for both attempts at TicketResolved's record: a dead letter
        CrmMocks.scriptErrors(crmMock(), "data/create", -1, 2);
        tickets.changeStatus(ticket, TicketStatus.RESOLVED, "更换压缩机", "test");
        await().atMost(WAIT).until(() -> deadLetterIds(ticket).size() == 1);
        tickets.changeStatus(ticket, TicketStatus.CLOSED, null, "test");
        await().atMost(WAIT).until(() -> CrmMocks.records(crmMock(), "ServiceTicket__c", "ticket_id__c", ticket)
                .size() == 1);

        bean(DeadLetterService.class).replay(deadLetterIds(ticket).get(0), "ops-test");
        await().atMost(WAIT).until(() -> journal(ticket).stream().filter(o -> o.equals("SUCCESS")).count() == 2);
        List<Map<String, Object>> records = CrmMocks.records(crmMock(), "ServiceTicket__c", "ticket_id__c", ticket);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("name")).isEqualTo(jdbc.queryForObject("select number from ticket where id = ?",
                String.class, ticket));
        assertThat(records.get(0).get("account_id")).isEqualTo("600000000000000000000001");
        assertThat(CrmMocks.writes(crmMock(), "ServiceTicket__c", null).stream()
                .filter(w -> w.get("dataId").equals(records.get(0).get("_id")))).hasSize(1);
    }

    // ------------------------------------------------------------------ data-change callback

    @Test
    void aChangeInTheCrmReachesTheHubByCallbackOnceAlsoWhenSentAgain() {
        String customerId = "C-CB-" + tag();
        UpsertResult account = crm().upsertByExternalKey("AccountObj", "account_no", customerId,
                Map.of("name", "无锡联创", "tel", "13811112222"));
        insertCustomer(customerId, "无锡联创", "13811112222", "A", "华东");
        jdbc.update("update customer set crm_id = ? where id = ?", account.id(), customerId);
        long version = version(customerId);

        crm().upsertByExternalKey("AccountObj", "account_no", customerId, Map.of("name", "无锡联创科技有限公司",
                "address", "无锡市新吴区"));

        await().atMost(WAIT).until(() -> "无锡联创科技有限公司".equals(customer(customerId).get("name")));
        assertThat(customer(customerId).get("address")).isEqualTo("无锡市新吴区");
        assertThat(customer(customerId).get("tier")).as("hub-owned, untouched").isEqualTo("A");
        await().atMost(WAIT).until(() -> processedCallbacks(account.id()) >= 1);
        assertThat(version(customerId)).isEqualTo(version + 1);
        assertThat(changedEvents(customerId)).isEqualTo(1);

        // the CRM sends the same event again (same messageId): answered with success, not processed again
        String messageId = jdbc.queryForList("select identity from im_callback_event where payload like ? order by id",
                String.class, "%" + account.id() + "%").get(0);
        CallbackSender.Attempt again = crmMock().pushChange("update", "AccountObj", account.id(),
                new FxiaokeMock.PushOptions(null, null, null, messageId, 1, false, null));
        assertThat(again.accepted()).as(again.verdict() + " " + again.replyBody()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from im_callback_event where identity = ?", Integer.class,
                messageId)).isEqualTo(1);
        assertThat(version(customerId)).isEqualTo(version + 1);
        assertThat(changedEvents(customerId)).isEqualTo(1);
    }

    @Test
    void aTamperedCallbackIsRefusedAndChangesNothingTheGenuineOneDoes() {
        String customerId = "C-T-" + tag();
        crmMock().settings().callback.pushOnChange = false;
        UpsertResult account;
        try {
            account = crm().upsertByExternalKey("AccountObj", "account_no", customerId, Map.of("name", "常州恒力"));
            insertCustomer(customerId, "常州恒力", null, null, null);
            jdbc.update("update customer set crm_id = ? where id = ?", account.id(), customerId);
            crm().upsertByExternalKey("AccountObj", "account_no", customerId, Map.of("name", "常州恒力重工"));
        } finally {
            crmMock().settings().callback.pushOnChange = true;
        }
        int stored = jdbc.queryForObject("select count(*) from im_callback_event", Integer.class);

        CallbackSender.Attempt tampered = crmMock().pushChange("update", "AccountObj", account.id(),
                new FxiaokeMock.PushOptions(null, null, null, null, null, true, null));
        assertThat(tampered.accepted()).isFalse();
        assertThat(tampered.replyStatus()).isEqualTo(401);
        assertThat(tampered.replyBody()).contains("callback-signature-mismatch").contains("\"signature\"");
        CallbackSender.Attempt wrongKey = crmMock().pushChange("update", "AccountObj", account.id(),
                new FxiaokeMock.PushOptions(null, null, null, null, null, false,
                        "O0YjM0EDOygzNykzMzUjLwUTN3MjL5ADN1QjM5gTM0A="));
        assertThat(wrongKey.accepted()).isFalse();
        assertThat(wrongKey.replyStatus()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from im_callback_event", Integer.class)).isEqualTo(stored);
        assertThat(customer(customerId).get("name")).isEqualTo("常州恒力");

        CallbackSender.Attempt genuine = crmMock().pushChange("update", "AccountObj", account.id(),
                FxiaokeMock.PushOptions.defaults());
        assertThat(genuine.accepted()).as(genuine.verdict()).isTrue();
        await().atMost(WAIT).until(() -> "常州恒力重工".equals(customer(customerId).get("name")));
    }

    // ------------------------------------------------------------------ helpers

    static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    CrmConnector crm() {
        return bean(CrmInstance.class).get().orElseThrow().crm();
    }

    String ticket(String customerId) {
        ApiTestClient.Answer a = writer().post("/api/v1/tickets", ApiTestClient.ticketJson()
                .replace("C-10086", customerId));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asText();
    }

    void insertCustomer(String id, String name, String phone, String tier, String region) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into customer (id, name, phone, tier, region, source, created_at, updated_at, version) "
                + "values (?, ?, ?, ?, ?, 'API', ?, ?, 1)", id, name, phone, tier, region, now, now);
    }

    void announce(String customerId) {
        bean(TransactionTemplate.class).executeWithoutResult(s -> bean(CustomerEvents.class).changed(customerId));
    }

    Map<String, Object> customer(String id) {
        List<Map<String, Object>> rows = jdbc.queryForList("select * from customer where id = ?", id);
        // Spring's row map is case-insensitive: H2 names the columns in capitals, PostgreSQL in lower case
        return rows.isEmpty() ? null : rows.get(0);
    }

    long version(String id) {
        return jdbc.queryForObject("select version from customer where id = ?", Long.class, id);
    }

    int changedEvents(String customerId) {
        return jdbc.queryForObject("select count(*) from outbox where event_type = 'CustomerChanged' and payload like ?",
                Integer.class, "%\"id\":\"" + customerId + "\"%");
    }

    int processedCallbacks(String crmId) {
        return jdbc.queryForObject("select count(*) from im_callback_event where platform = 'fxiaoke' and payload like ?"
                + " and processed_at is not null", Integer.class, "%" + crmId + "%");
    }

    boolean outboxPublished() {
        return jdbc.queryForObject("select count(*) from outbox where published_at is null", Integer.class) == 0;
    }

    List<Long> deadLetterIds(String ticket) {
        return jdbc.queryForList("select id from dead_letter where ticket_id = ? and route_id = 'crm-service-history'",
                Long.class, ticket);
    }

    List<String> journal(String ticket) {
        return jdbc.queryForList("select outcome from delivery_journal where ticket_id = ? and route_id = "
                + "'crm-service-history' order by id", String.class, ticket);
    }
}
