package org.aftersaleshub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped templates, and the rules for a file that replaces one. */
class NoticeTemplatesTest {

    @TempDir
    Path dir;

    @Test
    void everyShippedTemplateRendersChineseTextWithTheTicketsFacts() {
        NoticeTemplates templates = new NoticeTemplates(dir);
        assertThat(templates.origins()).hasSize(NoticeKind.templateNames().size())
                .allSatisfy((name, origin) -> assertThat(origin).startsWith("classpath:"));
        String text = templates.render(NoticeKind.TICKET_ASSIGNED, "dingtalk",
                NoticeFacts.sample(NoticeKind.TICKET_ASSIGNED));
        assertThat(text).startsWith("### 新工单 T20261207-000042【高】\n").contains("工单已改派给您")
                .contains("- 客户：C0001\n").contains("- 设备：AC-9（SN000123）\n").contains("- 故障：制冷异常\n")
                .contains("- 优先级：高\n").contains("- 截止时间：2026-12-07 16:30\n")
                .contains("[查看工单](https://hub.example.com/console/tickets/5f0c6d1e-0000-4000-8000-000000000001)")
                .doesNotContain("{{").doesNotContain("您有一张新的维修工单");
        assertThat(ImNotices.title(text)).isEqualTo("新工单 T20261207-000042【高】");
    }

    /**
     * The six messages the issue ships (new assignment with 接单, the accepted card, SLA warning, SLA breach, part
     * deduction failure, low stock), each rendered on every channel it has from sample facts: its Chinese headline,
     * the sample's facts in place and no placeholder left; the cards are JSON.
     */
    @Test
    void theSixShippedMessagesRenderOnEveryChannelFromSampleFacts() throws Exception {
        NoticeTemplates templates = new NoticeTemplates(dir);
        Map<NoticeKind, String> headline = new LinkedHashMap<>();
        headline.put(NoticeKind.TICKET_ASSIGNED, "新工单 T20261207-000042");
        headline.put(NoticeKind.TICKET_ACCEPTED, "已由 张三 接单");
        headline.put(NoticeKind.SLA_WARNING, "SLA预警：工单 T20261207-000042");
        headline.put(NoticeKind.SLA_BREACHED, "SLA超时升级：工单 T20261207-000042");
        headline.put(NoticeKind.PART_DEDUCTION_FAILED, "备件扣减失败：工单 T20261207-000042");
        headline.put(NoticeKind.STOCK_LOW, "库存告警：SP-COMP-001");
        Map<NoticeKind, String> fact = Map.of(NoticeKind.TICKET_ASSIGNED, "制冷异常", NoticeKind.TICKET_ACCEPTED,
                "张三", NoticeKind.SLA_WARNING, "客户：C0001", NoticeKind.SLA_BREACHED, "客户：C0001",
                NoticeKind.PART_DEDUCTION_FAILED, "库存不足", NoticeKind.STOCK_LOW, "WH01");
        int rendered = 0;
        for (var e : headline.entrySet()) {
            for (String channel : e.getKey().channels()) {
                String text = templates.render(e.getKey(), channel, NoticeFacts.sample(e.getKey()));
                assertThat(text).as("%s on %s", e.getKey(), channel).contains(e.getValue())
                        .contains(fact.get(e.getKey())).doesNotContain("{{").doesNotContain("}}");
                if (channel.endsWith("-card")) {
                    assertThat(new ObjectMapper().readTree(text).isObject()).as("%s on %s", e.getKey(), channel)
                            .isTrue();
                } else {
                    assertThat(ImNotices.title(text)).as("%s on %s", e.getKey(), channel).contains(e.getValue());
                }
                rendered++;
            }
        }
        assertThat(rendered).as("4 + 2 cards + 4 × 2 Markdown").isEqualTo(14);
        assertThat(templates.render(NoticeKind.PART_DEDUCTION_FAILED, "dingtalk",
                NoticeFacts.sample(NoticeKind.PART_DEDUCTION_FAILED))).contains("- 备件：SP-COMP-001\n- 仓库：WH01\n")
                .contains("- 领用单号：PU-1");
    }

    @Test
    void aValueLeftOutLeavesOutItsLine() {
        Map<String, Object> values = new LinkedHashMap<>(NoticeFacts.sample(NoticeKind.TICKET_ASSIGNED));
        values.put("device", null);
        values.put("reassigned", null);
        String text = new NoticeTemplates(dir).render(NoticeKind.TICKET_ASSIGNED, "wecom", values);
        assertThat(text).contains("您有一张新的维修工单").doesNotContain("设备").doesNotContain("改派")
                .contains("> 客户：C0001\n> 故障：制冷异常\n");
    }

    @Test
    void cardTemplatesAreJsonEvenWhenAValueHoldsQuotes() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>(NoticeFacts.sample(NoticeKind.TICKET_ASSIGNED));
        values.put("customer", "上海\"精工\"\\机械");
        NoticeTemplates templates = new NoticeTemplates(dir);
        JsonNode wecom = new ObjectMapper().readTree(templates.render(NoticeKind.TICKET_ASSIGNED, "wecom-card",
                values));
        assertThat(wecom.path("card_type").asText()).isEqualTo("button_interaction");
        assertThat(wecom.path("horizontal_content_list").get(0).path("value").asText()).isEqualTo("上海\"精工\"\\机械");
        assertThat(wecom.path("button_list").get(0).path("text").asText()).isEqualTo("接单");
        assertThat(wecom.path("button_list").get(0).path("key").asText())
                .isEqualTo("accept:5f0c6d1e-0000-4000-8000-000000000001");
        JsonNode ding = new ObjectMapper().readTree(templates.render(NoticeKind.TICKET_ASSIGNED, "dingtalk-card",
                values));
        assertThat(ding.path("customer").asText()).isEqualTo("上海\"精工\"\\机械");
        assertThat(ding.path("actions").asText()).isEqualTo("accept");
    }

    @Test
    void theAcceptedCardSaysWhoAcceptedAndOffersArrivalAndCompletion() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>(NoticeFacts.sample(NoticeKind.TICKET_ACCEPTED));
        values.put("offerAccept", null);
        values.put("offerArrive", true);
        values.put("offerComplete", true);
        NoticeTemplates templates = new NoticeTemplates(dir);
        JsonNode wecom = new ObjectMapper().readTree(templates.render(NoticeKind.TICKET_ACCEPTED, "wecom-card",
                values));
        assertThat(wecom.path("main_title").path("desc").asText()).isEqualTo("已由 张三 接单");
        assertThat(wecom.path("button_list").findValuesAsText("text")).containsExactly("到场", "完成");
        JsonNode ding = new ObjectMapper().readTree(templates.render(NoticeKind.TICKET_ACCEPTED, "dingtalk-card",
                values));
        assertThat(ding.path("status").asText()).isEqualTo("已由 张三 接单");
        assertThat(ding.path("actions").asText()).isEqualTo("arrive,complete");
    }

    @Test
    void aFileOfTheSameNameReplacesTheShippedTemplate() throws Exception {
        Files.writeString(dir.resolve("sla-breached.wecom.md.mustache"), "【超时】{{ticketNumber}} 请主管 "
                + "{{recipientName}} 处理\n", StandardCharsets.UTF_8);
        NoticeTemplates templates = new NoticeTemplates(dir);
        assertThat(templates.render(NoticeKind.SLA_BREACHED, "wecom", NoticeFacts.sample(NoticeKind.SLA_BREACHED)))
                .isEqualTo("【超时】T20261207-000042 请主管 张三 处理\n");
        assertThat(templates.origins().get("sla-breached.wecom.md.mustache"))
                .isEqualTo(dir.resolve("sla-breached.wecom.md.mustache").toString());
        assertThat(templates.render(NoticeKind.SLA_BREACHED, "dingtalk", NoticeFacts.sample(NoticeKind.SLA_BREACHED)))
                .startsWith("### SLA超时升级");
    }

    @Test
    void aMisspeltValueIsRefusedWithFileLineAndTheRightName() throws Exception {
        Path file = dir.resolve("ticket-assigned.dingtalk.md.mustache");
        Files.writeString(file, "### 新工单\n客户：{{customer}}\n单号：{{ticketNumbr}}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new NoticeTemplates(dir)).isInstanceOfSatisfying(
                NoticeTemplates.InvalidTemplates.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo(file.toString());
                    assertThat(p.line()).isEqualTo(3);
                    assertThat(p.message()).contains("{{ticketNumbr}}");
                    assertThat(p.hint()).contains("did you mean {{ticketNumber}}?");
                }));
    }

    @Test
    void anUnclosedSectionIsRefusedWithItsLine() throws Exception {
        Path file = dir.resolve("stock-low.wecom.md.mustache");
        Files.writeString(file, "库存告警\n{{#partSku}}\n{{partSku}}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new NoticeTemplates(dir)).isInstanceOfSatisfying(
                NoticeTemplates.InvalidTemplates.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo(file.toString());
                    assertThat(p.message()).startsWith("does not compile");
                    assertThat(p.hint()).contains("{{/section}}");
                }));
    }

    @Test
    void aCardTemplateThatIsNotJsonIsRefused() throws Exception {
        Files.writeString(dir.resolve("ticket-assigned.wecom-card.json.mustache"), "{\"title\": {{ticketNumber}}}",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new NoticeTemplates(dir)).isInstanceOf(NoticeTemplates.InvalidTemplates.class)
                .hasMessageContaining("ticket-assigned.wecom-card.json.mustache")
                .hasMessageContaining("renders no JSON object");
    }

    @Test
    void aFileThatReplacesNothingIsRefusedWithTheNameItProbablyMeant() throws Exception {
        Files.writeString(dir.resolve("ticket-asigned.dingtalk.md.mustache"), "x", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("README.md"), "notes are fine", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new NoticeTemplates(dir)).isInstanceOfSatisfying(
                NoticeTemplates.InvalidTemplates.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.message()).isEqualTo("replaces no shipped template");
                    assertThat(p.hint()).startsWith("did you mean ticket-assigned.dingtalk.md.mustache?");
                }));
    }

    @Test
    void partialsAreRefused() throws Exception {
        Files.writeString(dir.resolve("it-alert.wecom.md.mustache"), "{{> header}}\n{{alertTitle}}",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new NoticeTemplates(dir)).isInstanceOf(NoticeTemplates.InvalidTemplates.class)
                .hasMessageContaining("uses {{> header}} (a partial)");
    }
}
