package dev.saga.orchestrator.admin;

import dev.saga.orchestrator.admin.security.AdminSecurity;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The admin REST API: its controllers, problem responses, API docs and security. */
@Configuration(proxyBeanMethods = false)
@Import({
    AdminSecurity.class, AdminApiDocs.class, AdminProblems.class, StartEventReader.class,
    SagaStartController.class, SagaActionController.class, SagaQueryController.class,
    DefinitionController.class, MigrationController.class
})
public class AdminConfiguration {
}
