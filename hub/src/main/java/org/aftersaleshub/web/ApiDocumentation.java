package org.aftersaleshub.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.security.SecuritySchemes;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "aftersales-hub API", version = "v1",
                description = "Tickets (工单), part usages (备件领用) and administration of the after-sales "
                        + "integration hub. Every error is application/problem+json (RFC 9457); validation problems "
                        + "list each broken rule as {field, rule, message}. Unknown query parameters and unknown "
                        + "body properties are refused (400), not ignored. Every POST honours an Idempotency-Key "
                        + "header: a retry with the same key returns the first answer."),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "apiKey")})
@SecuritySchemes({
        @SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                bearerFormat = "ahk_<keyId>_<secret>",
                description = "API key as a bearer token. Scopes: tickets:read, tickets:write, admin."),
        @SecurityScheme(name = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                paramName = "X-API-Key", description = "The same API key in the X-API-Key header.")
})
public class ApiDocumentation {
}
