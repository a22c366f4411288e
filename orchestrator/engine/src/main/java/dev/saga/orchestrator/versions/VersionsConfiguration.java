package dev.saga.orchestrator.versions;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Refuses to start when a definition version still running in the database is no longer loaded. */
@Configuration(proxyBeanMethods = false)
@Import({
    DefinitionVersionCheck.class
})
public class VersionsConfiguration {
}
