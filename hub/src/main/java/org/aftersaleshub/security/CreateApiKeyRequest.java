package org.aftersaleshub.security;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Body of {@code POST /api/v1/admin/api-keys}.
 *
 * @param name   who or what uses the key; shown in the audit log. 1..64 characters of letters, digits,
 *               {@code . _ @ -} and spaces
 * @param scopes at least one of {@code tickets:read}, {@code tickets:write}, {@code metrics:read}, {@code admin}
 */
public record CreateApiKeyRequest(
        @Schema(example = "call-center-frontend") @NotBlank @Size(max = 64)
        @Pattern(regexp = "[\\p{L}\\p{N}._@ -]+") String name,
        @Schema(example = "[\"tickets:read\", \"tickets:write\"]") @NotEmpty Set<@NotNull ApiScope> scopes) {
}
