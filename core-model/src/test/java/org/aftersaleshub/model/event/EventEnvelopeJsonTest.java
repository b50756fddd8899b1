package org.aftersaleshub.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.ModelVersion;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Quantity;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.junit.jupiter.api.Test;

class EventEnvelopeJsonTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Instant now = Instant.parse("2026-11-22T08:00:00Z");

    private Ticket ticket() {
        return new Ticket("7d1c0c57-1111-4c2e-9d7a-0d6f1e2a3b4c", "T20261122-000001", Channel.WEB, "C0001",
                new DeviceRef("SN-1", "AC-9"), "制冷异常", "不制冷", Priority.HIGH, "华东", TicketStatus.NEW, null, null,
                null, now, now, null, List.of(), 1);
    }

    @Test
    void envelopeRoundTripsWithTypedPayloadAndCarriesTheModelVersion() throws Exception {
        EventEnvelope env = EventEnvelope.of(new TicketCreated(ticket()), 1, now);
        String json = mapper.writeValueAsString(env);
        JsonNode tree = mapper.readTree(json);
        assertThat(tree.get("type").asText()).isEqualTo("TicketCreated");
        assertThat(tree.get("modelVersion").asText()).isEqualTo(ModelVersion.CURRENT);
        assertThat(tree.get("data").get("ticket").get("faultType").asText()).isEqualTo("制冷异常");

        EventEnvelope back = mapper.readValue(json, EventEnvelope.class);
        assertThat(back).isEqualTo(env);
        assertThat(back.data()).isInstanceOf(TicketCreated.class);
    }

    @Test
    void everyEventTypeHasAPublishedSchemaAndPayloadsValidateAgainstIt() throws Exception {
        for (Class<? extends HubEvent> type : HubEvent.types()) {
            assertThat(getClass().getResource("/" + ModelVersion.SCHEMA_PATH + "/" + type.getSimpleName()
                    + ".schema.json")).as(type.getSimpleName()).isNotNull();
        }
        PartUsage usage = new PartUsage("pu-1", "t-1", "SP-COMP-001", Quantity.of("2", "个"), "WH01", List.of(),
                PartUsageState.PENDING, null, null, now);
        assertThat(validate("PartConsumed", mapper.valueToTree(new PartConsumed(usage)))).isEmpty();
    }

    @Test
    void schemaRejectsAZeroQuantityAndAnUnknownEnumValue() throws Exception {
        JsonNode usage = mapper.readTree("""
                {"id":"pu-1","ticketId":"t-1","partSku":"SP-1","quantity":{"value":0,"unit":"个"},
                 "warehouse":"WH01","state":"GONE"}""");
        Set<ValidationMessage> problems = validate("PartUsage", usage);
        assertThat(problems).extracting(ValidationMessage::getInstanceLocation).map(Object::toString)
                .contains("$.quantity.value", "$.state");
    }

    private Set<ValidationMessage> validate(String schemaName, JsonNode node) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/" + ModelVersion.SCHEMA_PATH + "/" + schemaName
                + ".schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return schema.validate(node);
        }
    }
}
