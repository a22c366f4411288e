package dev.saga.orchestrator.admin;

import dev.saga.orchestrator.admin.security.AdminSecurity;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The admin REST API: its controllers, problem responses, API docs and security. */
@Configuration(proxyBeanMethods = false)
@Import({
    AdminSecurity.class, AdminApiDocs.class, AdminProblems.class, MessageBodyReader.class,
    SagaStartController.class, SagaActionController.class, SagaSignalController.class, SagaQueryController.class,
    DefinitionController.class, MigrationController.class
})
public class AdminConfiguration {
}
