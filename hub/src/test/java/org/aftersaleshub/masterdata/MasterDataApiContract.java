package org.aftersaleshub.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.aftersaleshub.web.ApiTestContract;
import org.junit.jupiter.api.Test;

/**
 * The customer, device and spare-part APIs, the ticket's reporter and warranty state, and the customer overview, over
 * real HTTP against a real database (H2 and PostgreSQL). Test classes of one database share a context, so every test
 * works with keys of its own. Warehouses and parts with ERP codes need a started ERP instance: MasterDataBookingTest.
 */
public interface MasterDataApiContract extends ApiTestContract {

    ObjectMapper JSON = new ObjectMapper();

    default ApiTestClient md() {
        return client("md-writer", ApiScope.MASTERDATA_WRITE, ApiScope.TICKETS_READ, ApiScope.TICKETS_WRITE);
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    default JsonNode created(Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    default Answer put(ApiTestClient api, String path, String json) {
        return api.send(api.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    static List<String> violations(Answer a) {
        List<String> out = new ArrayList<>();
        a.json().path("errors").forEach(e -> out.add(e.path("field").asText() + " " + e.path("rule").asText()));
        return out;
    }

    static void problem(Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
    }

    default String customer(ApiTestClient api, String id, String region) {
        created(api.post("/api/v1/customers", """
                {"id":"%s","name":"测试客户 %s","phone":"021-12345678","region":"%s","tier":"重点",
                 "crmId":"CRM-%s","contacts":[{"name":"王经理","phone":"13800001000","title":"设备科长"}]}"""
                .formatted(id, id, region, id)));
        return id;
    }

    default String ticket(ApiTestClient api, String customerId, String serial) {
        String device = serial == null ? "" : ",\"device\":{\"serial\":\"" + serial + "\",\"model\":\"AC-9\"}";
        return created(api.post("/api/v1/tickets", "{\"channel\":\"WEB\",\"customerId\":\"" + customerId
                + "\",\"faultType\":\"制冷异常\",\"region\":\"华东\"" + device + "}")).path("id").asText();
    }

    // ------------------------------------------------------------------ customers

    @Test
    default void aCustomerIsCreatedReadReplacedWithItsVersionAndDeletedAndItsTierHasAChineseLabel() {
        ApiTestClient api = md();
        String id = "C-" + tag();
        JsonNode c = created(api.post("/api/v1/customers", """
                {"id":"%s","name":"上海精工","phone":"13812345678","region":"华东","tier":"VIP",
                 "contacts":[{"name":"王经理","phone":"13800001000"},{"name":"李工"}]}""".formatted(id)));
        assertThat(c.path("version").asLong()).isEqualTo(1);
        assertThat(c.path("source").asText()).isEqualTo("api");
        assertThat(c.path("contacts")).hasSize(2);

        JsonNode read = api.get("/api/v1/customers/" + id).json();
        assertThat(read.path("tier").asText()).isEqualTo("VIP");
        assertThat(read.at("/contacts/1/name").asText()).isEqualTo("李工");

        ObjectNode body = (ObjectNode) read.deepCopy();
        body.remove(List.of("source", "createdAt", "updatedAt"));
        body.put("tier", "普通").put("name", "上海精工机械");
        Answer replaced = put(api, "/api/v1/customers/" + id, body.toString());
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().path("tier").asText()).isEqualTo("STANDARD");
        assertThat(replaced.json().path("version").asLong()).isEqualTo(2);

        // the same body again is based on version 1: a 409 naming the current version
        Answer stale = put(api, "/api/v1/customers/" + id, body.toString());
        problem(stale, 409);
        assertThat(stale.json().path("currentVersion").asLong()).isEqualTo(2);
        assertThat(violations(stale)).containsExactly("version current:2");

        assertThat(api.delete("/api/v1/customers/" + id).status()).isEqualTo(204);
        Answer gone = api.get("/api/v1/customers/" + id);
        problem(gone, 404);
        assertThat(violations(gone)).containsExactly("id exists");
        assertThat(org.aftersaleshub.masterdata.customer.CustomerTier.KEY.label()).isEqualTo("重点");
    }

    @Test
    default void aBadCustomerIsA400NamingEveryFieldAndRuleAndADuplicateIdOrCrmIdA409() {
        ApiTestClient api = md();
        Answer bad = api.post("/api/v1/customers", """
                {"id":"has space","name":"","phone":"12345","tier":"GOLD","contacts":[{"phone":"abc"}],"version":3}""");
        problem(bad, 400);
        assertThat(violations(bad)).containsExactly("version absent");
        Answer bad2 = api.post("/api/v1/customers", """
                {"id":"has space","name":"","phone":"12345","tier":"GOLD","contacts":[{"phone":"abc"}]}""");
        problem(bad2, 400);
        assertThat(violations(bad2)).containsExactlyInAnyOrder("id pattern:^[!-~]+$", "name required",
                "phone pattern:phone", "tier enum:[VIP, KEY, STANDARD]", "contacts[0].name required",
                "contacts[0].phone pattern:phone");

        String id = customer(api, "C-" + tag(), "华东");
        Answer again = api.post("/api/v1/customers", "{\"id\":\"" + id + "\",\"name\":\"x\"}");
        problem(again, 409);
        assertThat(violations(again)).containsExactly("id unique");
        Answer sameCrm = api.post("/api/v1/customers", "{\"id\":\"C-" + tag() + "\",\"name\":\"x\",\"crmId\":\"CRM-"
                + id + "\"}");
        problem(sameCrm, 409);
        assertThat(violations(sameCrm)).containsExactly("crmId unique");
    }

    @Test
    default void writingNeedsTheMasterdataWriteScopeAndReadingTicketsRead() {
        ApiTestClient reader = client("md-reader", ApiScope.TICKETS_READ);
        problem(reader.post("/api/v1/customers", "{\"id\":\"C-" + tag() + "\",\"name\":\"x\"}"), 403);
        String id = customer(md(), "C-" + tag(), "华东");
        assertThat(reader.get("/api/v1/customers/" + id).status()).isEqualTo(200);
        problem(client("md-nobody", ApiScope.TICKETS_WRITE).get("/api/v1/customers/" + id), 403);
    }

    @Test
    default void customersAreSearchedByTextRegionAndTierOnePageAtATime() {
        ApiTestClient api = md();
        String region = "R-" + tag();
        for (int i = 0; i < 3; i++) {
            customer(api, "C-" + tag(), region);
        }
        JsonNode page = api.get("/api/v1/customers?region=" + region + "&size=2").json();
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("items")).hasSize(2);
        assertThat(api.get("/api/v1/customers?region=" + region + "&size=2&page=1").json().path("items")).hasSize(1);
        assertThat(api.get("/api/v1/customers?region=" + region + "&tier=KEY").json().path("total").asLong())
                .isEqualTo(3);
        assertThat(api.get("/api/v1/customers?region=" + region + "&tier=VIP").json().path("total").asLong())
                .isZero();
        problem(api.get("/api/v1/customers?tier=GOLD"), 400);
        problem(api.get("/api/v1/customers?size=0"), 400);
    }

    // ------------------------------------------------------------------ devices

    @Test
    default void aDeviceNeedsAnExistingCustomerAndAWarrantyEndNotBeforeItsPurchaseAndShowsItsWarrantyState() {
        ApiTestClient api = md();
        String customer = customer(api, "C-" + tag(), "华东");
        Answer bad = api.post("/api/v1/devices", """
                {"serial":"SN-%s","model":"","customerId":"NOPE-%s","purchaseDate":"2025-03-01",
                 "warrantyEnd":"2025-02-28"}""".formatted(tag(), tag()));
        problem(bad, 400);
        assertThat(violations(bad)).containsExactlyInAnyOrder("model required",
                "customerId unknown-reference:customers", "warrantyEnd not-before:purchaseDate");

        String serial = "SN-" + tag();
        JsonNode d = created(api.post("/api/v1/devices", """
                {"serial":"%s","model":"AC-9","customerId":"%s","purchaseDate":"2025-03-01","warrantyEnd":"%s"}"""
                .formatted(serial, customer, today())));
        assertThat(d.path("inWarranty").asBoolean()).as("the last day of the warranty is in it").isTrue();
        ObjectNode body = (ObjectNode) d.deepCopy();
        body.remove(List.of("inWarranty", "createdAt", "updatedAt"));
        body.put("warrantyEnd", today().minusDays(1).toString());
        Answer expired = put(api, "/api/v1/devices/" + serial, body.toString());
        assertThat(expired.status()).as(expired.body()).isEqualTo(200);
        assertThat(expired.json().path("inWarranty").asBoolean()).isFalse();
        assertThat(expired.json().path("version").asLong()).isEqualTo(2);

        // a customer with devices cannot be deleted
        Answer inUse = api.delete("/api/v1/customers/" + customer);
        problem(inUse, 409);
        assertThat(api.get("/api/v1/devices?customerId=" + customer).json().path("total").asLong()).isEqualTo(1);
        assertThat(api.delete("/api/v1/devices/" + serial).status()).isEqualTo(204);
        problem(api.get("/api/v1/devices/" + serial), 404);
    }

    // ------------------------------------------------------------------ parts (without ERP codes: no ERP here)

    @Test
    default void aPartIsCreatedAndDeactivatedAndAnErpCodeForAnInstanceThisHubDoesNotHaveIsRefused() {
        ApiTestClient api = md();
        String sku = "SP-" + tag();
        Answer bad = api.post("/api/v1/parts", """
                {"sku":"%s","name":"压缩机","unit":"","safetyStock":-1,"erpCodes":{"kingdee-nowhere":"1.01.0001"}}"""
                .formatted(sku));
        problem(bad, 400);
        assertThat(violations(bad)).contains("unit required", "safetyStock min:0");
        assertThat(violations(bad)).anyMatch(v -> v.startsWith("erpCodes.kingdee-nowhere enum:"));

        JsonNode p = created(api.post("/api/v1/parts", """
                {"sku":"%s","name":"压缩机","spec":"COMP-100","unit":"台","safetyStock":5}""".formatted(sku)));
        assertThat(p.path("safetyStock").asText()).isEqualTo("5");
        assertThat(p.path("active").asBoolean()).isTrue();
        // the existing stock route under /api/v1/parts/{sku}/stock is still the stock feature's
        assertThat(api.get("/api/v1/parts/" + sku).json().path("name").asText()).isEqualTo("压缩机");
        JsonNode off = api.delete("/api/v1/parts/" + sku).json();
        assertThat(off.path("active").asBoolean()).isFalse();
        assertThat(off.path("version").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/parts?q=" + sku + "&active=false").json().path("total").asLong()).isEqualTo(1);
    }

    @Test
    default void aWarehouseMustNameAnErpInstanceThisHubHasAndANotificationTargetThatIsComplete() {
        Answer bad = md().post("/api/v1/warehouses", """
                {"code":"WH-%s","name":"仓","erpInstance":"kingdee-nowhere","erpCode":"CK 1","notifyChannel":"SMS"}"""
                .formatted(tag()));
        problem(bad, 400);
        assertThat(violations(bad)).contains("erpCode pattern:^[!-~]+$", "notifyChannel enum:[DINGTALK, WECOM]");
        assertThat(violations(bad)).anyMatch(v -> v.startsWith("erpInstance enum:"));
    }

    // ------------------------------------------------------------------ tickets

    @Test
    default void aTicketKeepsItsReporterAndShowsWhetherItsKnownDeviceIsInWarranty() {
        ApiTestClient api = md();
        String customer = customer(api, "C-" + tag(), "华东");
        String inSerial = "SN-" + tag();
        String outSerial = "SN-" + tag();
        created(api.post("/api/v1/devices", "{\"serial\":\"" + inSerial + "\",\"model\":\"AC-9\",\"customerId\":\""
                + customer + "\",\"warrantyEnd\":\"" + today().plusDays(30) + "\"}"));
        created(api.post("/api/v1/devices", "{\"serial\":\"" + outSerial + "\",\"model\":\"AC-9\",\"customerId\":\""
                + customer + "\",\"warrantyEnd\":\"" + today().minusDays(1) + "\"}"));

        JsonNode t = created(api.post("/api/v1/tickets", """
                {"channel":"CALL_CENTER","customerId":"%s","faultType":"制冷异常","region":"华东",
                 "device":{"serial":"%s","model":"AC-9"},"reporter":{"name":"赵师傅","phone":"13912345678"}}"""
                .formatted(customer, inSerial)));
        assertThat(t.path("inWarranty").asBoolean()).isTrue();
        assertThat(t.at("/reporter/name").asText()).isEqualTo("赵师傅");
        JsonNode read = api.get("/api/v1/tickets/" + t.path("id").asText()).json();
        assertThat(read.at("/reporter/phone").asText()).isEqualTo("13912345678");
        assertThat(read.path("inWarranty").asBoolean()).isTrue();
        assertThat(jdbc().queryForObject("select reporter_phone from ticket where id = ?", String.class,
                t.path("id").asText())).isEqualTo("13912345678");

        assertThat(api.get("/api/v1/tickets/" + ticket(api, customer, outSerial)).json().path("inWarranty").asBoolean())
                .isFalse();
        JsonNode unknown = api.get("/api/v1/tickets/" + ticket(api, customer, "SN-UNKNOWN-" + tag())).json();
        assertThat(unknown.has("inWarranty")).isTrue();
        assertThat(unknown.path("inWarranty").isNull()).isTrue();
        assertThat(api.get("/api/v1/tickets/" + ticket(api, customer, null)).json().path("inWarranty").isNull())
                .isTrue();
        // the list shows the same, read for the whole page at once
        JsonNode listed = api.get("/api/v1/tickets?customer=" + customer + "&size=10").json();
        assertThat(listed.path("total").asLong()).isEqualTo(4);
        List<String> states = new ArrayList<>();
        listed.path("items").forEach(i -> states.add(i.path("inWarranty").asText()));
        assertThat(states).containsExactlyInAnyOrder("true", "false", "null", "null");

        Answer bad = api.post("/api/v1/tickets", """
                {"channel":"WEB","customerId":"%s","faultType":"x","region":"华东","reporter":{"phone":"12"}}"""
                .formatted(customer));
        problem(bad, 400);
        assertThat(violations(bad)).anyMatch(v -> v.startsWith("reporter.phone "));
    }

    // ------------------------------------------------------------------ overview

    @Test
    default void theOverviewShowsTheCustomerItsDevicesTicketsPartsSatisfactionAndCrmRecord() {
        ApiTestClient api = md();
        String customer = customer(api, "C-" + tag(), "华东");
        String serial = "SN-" + tag();
        created(api.post("/api/v1/devices", "{\"serial\":\"" + serial + "\",\"model\":\"AC-9\",\"customerId\":\""
                + customer + "\",\"warrantyEnd\":\"" + today().plusDays(1) + "\"}"));
        String sku = "SP-" + tag();
        created(api.post("/api/v1/parts", "{\"sku\":\"" + sku + "\",\"name\":\"电源板\",\"unit\":\"块\"}"));
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(ticket(api, customer, serial));
        }
        String done1 = ticket(api, customer, serial);
        String done2 = ticket(api, customer, null);
        String other = ticket(api, "C-OTHER-" + tag(), null);
        // finished tickets with survey answers, and part usages, written as the later steps would leave them
        jdbc().update("update ticket set status = 'CLOSED', satisfaction_score = 5 where id = ?", done1);
        jdbc().update("update ticket set status = 'RESOLVED', satisfaction_score = 4 where id = ?", done2);
        jdbc().update("update ticket set satisfaction_score = 1 where id = ?", other);
        usage(done1, sku, "2", "DEDUCTED");
        usage(open.get(0), sku, "1.5", "PENDING");
        usage(open.get(1), sku, "7", "FAILED");
        usage(open.get(2), sku, "9", "REVERSED");
        usage(other, sku, "3", "DEDUCTED");

        JsonNode o = api.get("/api/v1/customers/" + customer + "/overview?size=2").json();
        assertThat(o.at("/customer/id").asText()).isEqualTo(customer);
        assertThat(o.at("/customer/contacts/0/name").asText()).isEqualTo("王经理");
        assertThat(o.path("devices")).hasSize(1);
        assertThat(o.at("/devices/0/inWarranty").asBoolean()).isTrue();
        assertThat(o.at("/openTickets/count").asLong()).isEqualTo(3);
        assertThat(o.at("/openTickets/items")).hasSize(2);
        assertThat(o.at("/pastTickets/count").asLong()).isEqualTo(2);
        List<String> past = new ArrayList<>();
        o.at("/pastTickets/items").forEach(t -> past.add(t.path("id").asText()));
        assertThat(past).containsExactlyInAnyOrder(done1, done2);
        assertThat(o.path("partsUsed")).hasSize(1);
        assertThat(o.at("/partsUsed/0/sku").asText()).isEqualTo(sku);
        assertThat(o.at("/partsUsed/0/name").asText()).isEqualTo("电源板");
        assertThat(o.at("/partsUsed/0/quantity").decimalValue()).isEqualByComparingTo("3.5");
        assertThat(o.at("/partsUsed/0/usages").asLong()).isEqualTo(2);
        assertThat(o.path("averageSatisfaction").decimalValue()).isEqualByComparingTo("4.5");
        assertThat(o.path("satisfactionAnswers").asLong()).isEqualTo(2);
        assertThat(o.at("/crm/crmId").asText()).isEqualTo("CRM-" + customer);
        assertThat(o.at("/openTickets/items").size() + api.get("/api/v1/customers/" + customer
                + "/overview?size=2&page=1").json().at("/openTickets/items").size()).isEqualTo(3);

        String lonely = customer(api, "C-" + tag(), "华南");
        JsonNode none = api.get("/api/v1/customers/" + lonely + "/overview").json();
        assertThat(none.path("averageSatisfaction").isNull()).isTrue();
        assertThat(none.path("partsUsed")).isEmpty();
        assertThat(none.at("/openTickets/count").asLong()).isZero();
        problem(api.get("/api/v1/customers/NOPE-" + tag() + "/overview"), 404);
    }

    private void usage(String ticket, String sku, String quantity, String state) {
        jdbc().update("insert into part_usage (id, ticket_id, part_sku, quantity, unit, warehouse, state, recorded_at, "
                + "updated_at) values (?, ?, ?, ?, '块', 'WH01', ?, current_timestamp, current_timestamp)",
                "PU-" + tag(), ticket, sku, new java.math.BigDecimal(quantity), state);
    }
}
