package org.aftersaleshub.ops;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The structured (ECS JSON) log file's counterpart of {@link MaskingMessageConverter}: every string value of a log
 * record — message, stack trace, context — with phone numbers masked ({@link PersonalData}). Named in
 * {@code logging.structured.json.customizer}.
 */
public class MaskingJsonMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, PersonalData::mask));
    }
}
