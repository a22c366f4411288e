package dev.saga.orchestrator.admin.security;

import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares {@value RequestedByFilter#HEADER} on every state-changing operation of the OpenAPI description, so
 * that clients generated from it send the header and the Swagger UI offers a field for it (filled in).
 */
@Configuration(proxyBeanMethods = false)
class RequestedByHeaderDocs {

    private static final Set<PathItem.HttpMethod> READ_ONLY = Set.of(PathItem.HttpMethod.GET,
            PathItem.HttpMethod.HEAD, PathItem.HttpMethod.OPTIONS);

    @Bean
    OpenApiCustomizer requestedByHeader() {
        return api -> api.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
            if (!READ_ONLY.contains(method)) {
                operation.addParametersItem(new HeaderParameter().name(RequestedByFilter.HEADER).required(true)
                        .description("Any value: proves the request does not come from another site's form")
                        .schema(new StringSchema()).example("swagger-ui"));
            }
        }));
    }
}
