package org.aftersaleshub.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A violation found by a method-validation proxy names the parameter as the client sent it: the binding
 * annotation's name, a body field by its JSON path, an element of a list by its index.
 */
class ParameterViolationsTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    record Quantity(@Positive int value) {
    }

    record Body(@NotBlank String name, @Valid Quantity quantity, List<@Size(max = 2) String> tags) {
    }

    @SuppressWarnings("unused")
    static class Endpoint {
        void call(@RequestParam("size") @Max(200) int pageSize, @PathVariable("sku") @Size(max = 3) String partSku,
                @RequestHeader("Idempotency-Key") @Size(max = 4) String key, @Valid @RequestBody Body body,
                @RequestParam List<@Size(max = 1) String> codes) {
        }
    }

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void namesQueryParametersPathVariablesHeadersAndBodyFieldsAsTheClientSentThem() throws Exception {
        Method call = Endpoint.class.getDeclaredMethod("call", int.class, String.class, String.class, Body.class,
                List.class);
        Object[] args = {500, "ABCD", "12345", new Body(" ", new Quantity(0), List.of("ok", "long")),
                List.of("x", "yy")};

        Set<ConstraintViolation<Endpoint>> violations = VALIDATION.getValidator().forExecutables()
                .validateParameters(new Endpoint(), call, args);

        assertThat(violations.stream().map(v -> {
            FieldViolation f = ParameterViolations.fromMethodConstraint(v);
            return f.field() + " " + f.rule();
        })).containsExactlyInAnyOrder("size max:200", "sku max-length:3", "Idempotency-Key max-length:4",
                "name not-blank", "quantity.value greater-than:0", "tags[1] max-length:2", "codes[1] max-length:1");
    }
}
