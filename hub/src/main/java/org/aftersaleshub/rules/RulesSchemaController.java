package org.aftersaleshub.rules;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /rules-schema/{kind}.json}: the JSON Schema of a rule file kind, open to everyone, so an editor with
 * the YAML language server completes and checks rule files ({@code # yaml-language-server: $schema=...}).
 */
@RestController
@Tag(name = "Rules")
public class RulesSchemaController {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    @Operation(summary = "The JSON Schema of a rule file kind (规则文件的 JSON Schema), e.g. dispatch")
    @GetMapping(path = "/rules-schema/{kind}.json", produces = "application/schema+json")
    public ResponseEntity<byte[]> schema(@PathVariable String kind) throws IOException {
        if (!KIND.matcher(kind).matches()) {
            throw unknown(kind);
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("rules-schema/" + kind
                + ".schema.json")) {
            if (in == null) {
                throw unknown(kind);
            }
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/schema+json"))
                    .body(in.readAllBytes());
        }
    }

    private static ApiProblem unknown(String kind) {
        return new ApiProblem(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "No such rule schema",
                "no rule schema '" + kind + "'; published: dispatch (and one per other rule kind)").with("kind", kind);
    }
}
