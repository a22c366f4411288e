package dev.saga.orchestrator.admin;

import dev.saga.definition.SagaMigration;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.operations.SagaMigrations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The declared migrations between definition versions: which exist, a dry run (which unfinished sagas would
 * move and which stay, and why), and applying one, which records the move in each moved saga's timeline.
 */
@RestController
@RequestMapping("/api/definitions/{type}/migrations")
@Tag(name = "Migrations", description = "Moving running sagas to a newer definition version")
public class MigrationController {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationController.class);

    private final SagaCatalog catalog;
    private final SagaMigrations migrations;

    MigrationController(SagaCatalog catalog, SagaMigrations migrations) {
        this.catalog = catalog;
        this.migrations = migrations;
    }

    /** A declared migration: the versions it joins and the states whose sagas it moves. */
    public record DeclaredMigration(String type, int fromVersion, int toVersion, Set<String> states) {
    }

    @GetMapping
    @Operation(summary = "The migrations declared for a saga type")
    public List<DeclaredMigration> declared(@PathVariable String type) {
        catalog.forType(type).orElseThrow(() -> new UnknownSagaTypeException(type));
        return catalog.migrations().stream().filter(m -> m.type().equals(type))
                .map(m -> new DeclaredMigration(type, m.source().version(), m.target().version(),
                        new TreeSet<>(m.states()))).toList();
    }

    @GetMapping("/{from}/{to}")
    @Operation(summary = "Dry run", description = "Which unfinished sagas on version `from` would move to `to`, "
            + "and why the others stay; changes nothing")
    public SagaMigrations.Outcome dryRun(@PathVariable String type, @PathVariable int from, @PathVariable int to) {
        return migrations.dryRun(declared(type, from, to));
    }

    @PostMapping("/{from}/{to}")
    @Operation(summary = "Apply", description = "Moves every unfinished saga the migration covers, each in its own "
            + "transaction, recorded in its timeline with who did it")
    public SagaMigrations.Outcome apply(@PathVariable String type, @PathVariable int from, @PathVariable int to,
                                        Principal operator) {
        SagaMigrations.Outcome outcome = migrations.apply(declared(type, from, to), operator.getName());
        LOG.info("{} migrated {} saga(s) of {} from v{} to v{}; {} stayed", operator.getName(), outcome.moved(), type,
                from, to, outcome.stayed());
        return outcome;
    }

    private SagaMigration<?, ?> declared(String type, int from, int to) {
        catalog.forType(type).orElseThrow(() -> new UnknownSagaTypeException(type));
        return migrations.find(type, from, to).orElseThrow(() -> new UnknownMigrationException(type, from, to));
    }
}
