package org.aftersaleshub.model.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.model.Customer;
import org.aftersaleshub.model.Device;
import org.aftersaleshub.model.ModelVersion;
import org.aftersaleshub.model.Part;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.Staff;
import org.aftersaleshub.model.StockLevel;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.model.event.HubEvent;

/**
 * Build-time generator of the published JSON Schemas (run by the core-model build in {@code process-classes}):
 * one {@code <Record>.schema.json} per model record and event under {@link ModelVersion#SCHEMA_PATH}, plus an
 * {@code index.json}. Rules come from the Bean Validation annotations on the records, so schema and validation
 * cannot drift apart.
 */
public final class SchemaGenerator {

    /** The records whose schemas are published, in index order. */
    public static List<Class<?>> publishedTypes() {
        List<Class<?>> types = new ArrayList<>(List.of(Ticket.class, PartUsage.class, Part.class, StockLevel.class,
                Customer.class, Device.class, Staff.class, EventEnvelope.class));
        types.addAll(HubEvent.types());
        return types;
    }

    private SchemaGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/classes").resolve(ModelVersion.SCHEMA_PATH);
        Files.createDirectories(out);
        var generator = new com.github.victools.jsonschema.generator.SchemaGenerator(
                new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                        .with(new JacksonModule())
                        .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                                JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
                        .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.NULLABLE_FIELDS_BY_DEFAULT)
                        .build());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode index = mapper.createObjectNode();
        index.put("modelVersion", ModelVersion.CURRENT);
        var names = index.putArray("schemas");
        for (Class<?> type : publishedTypes()) {
            ObjectNode schema = generator.generateSchema(type);
            schema.put("$id", "https://aftersales-hub.org/" + ModelVersion.SCHEMA_PATH + "/" + type.getSimpleName()
                    + ".schema.json");
            schema.put("title", type.getSimpleName());
            schema.put("x-model-version", ModelVersion.CURRENT);
            mapper.writeValue(out.resolve(type.getSimpleName() + ".schema.json").toFile(), schema);
            names.add(type.getSimpleName());
        }
        mapper.writeValue(out.resolve("index.json").toFile(), index);
    }
}
