package dev.saga.orchestrator.versions;

import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.engine.SagaRepository.VersionInUse;
import dev.saga.orchestrator.engine.SagaRepository;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.stereotype.Component;

/**
 * Refuses to start an orchestrator that could not run some unfinished saga: one whose definition version is
 * no longer loaded would otherwise wait forever for a reply nobody can apply. Runs while the context is
 * created, before any listener or scanner starts, and names the versions and how many sagas need each.
 */
@Component
public class DefinitionVersionCheck {

    public DefinitionVersionCheck(SagaCatalog catalog, SagaRepository sagas,
                                  ObjectProvider<FlywayMigrationInitializer> migrations) {
        migrations.ifAvailable(schemaReady -> { });
        List<VersionInUse> missing = sagas.unfinishedByVersion().stream()
                .filter(inUse -> catalog.forVersion(inUse.type(), inUse.version()).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new DefinitionVersionsMissingException(missing, catalog.describe());
        }
    }
}
