package org.aftersaleshub.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes JSON input strict where Jackson's defaults would silently guess: a number is not an enum value
 * ({@code "priority": 2} would otherwise mean HIGH), and text after the JSON document is an error.
 */
@Component
public class StrictJsonCustomizer implements Jackson2ObjectMapperBuilderCustomizer {

    @Override
    public void customize(org.springframework.http.converter.json.Jackson2ObjectMapperBuilder builder) {
        builder.featuresToEnable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
