package org.aftersaleshub.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API key administration; every operation needs the {@code admin} scope. */
@RestController
@RequestMapping(path = "/api/v1/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: API keys", description = "Create, list and revoke API keys (admin scope).")
public class ApiKeyAdminController {

    private final ApiKeyService keys;

    public ApiKeyAdminController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create an API key", description = "Returns the key once; only its hash is stored. "
            + "Idempotency-Key is not honoured here: the answer carries a secret that is never stored.")
    @ApiResponse(responseCode = "201", description = "Created; the body holds the key")
    ResponseEntity<IssuedApiKey> create(@Valid @RequestBody CreateApiKeyRequest request, Authentication caller) {
        IssuedApiKey issued = keys.create(request.name().trim(), request.scopes(), caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + issued.id())).body(issued);
    }

    @GetMapping
    @Operation(summary = "List API keys (never their secrets)")
    List<ApiKeyView> list() {
        return keys.list();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke an API key", description = "It stops working at once. Revoking twice is fine.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "No such key",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<Void> revoke(@Parameter(description = "key id") @PathVariable("id") @Size(max = 64) String id,
            Authentication caller) {
        if (!keys.revoke(id, caller.getName())) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "api-key-not-found", "API key not found (API 密钥不存在)",
                    "There is no API key with id " + id + ".").with("errors",
                    List.of(new FieldViolation("id", "exists", "is not the id of an API key")));
        }
        return ResponseEntity.noContent().build();
    }
}
