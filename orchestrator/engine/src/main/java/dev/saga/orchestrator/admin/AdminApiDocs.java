package dev.saga.orchestrator.admin;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and shown at {@code /swagger-ui.html}; every
 * operation needs HTTP Basic, as a viewer to read and as an operator to act.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Saga orchestrator admin API", version = "1",
        description = "See and steer sagas. Errors are RFC 7807 problems (application/problem+json). A saga is "
                + "found by its business key (`businessKey`); `orderId`, its old name on `GET /api/sagas`, is "
                + "deprecated and still accepted."),
        security = @SecurityRequirement(name = AdminApiDocs.BASIC))
@SecurityScheme(name = AdminApiDocs.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic")
public class AdminApiDocs {

    static final String BASIC = "basic";
}
