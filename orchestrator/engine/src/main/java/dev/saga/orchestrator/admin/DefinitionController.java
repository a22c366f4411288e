package dev.saga.orchestrator.admin;

import dev.saga.orchestrator.query.DefinitionView;
import dev.saga.orchestrator.query.DefinitionViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The saga definitions the orchestrator runs, with their steps and state machines. */
@RestController
@RequestMapping("/api/definitions")
@Tag(name = "Definitions", description = "The loaded saga definitions")
public class DefinitionController {

    private final DefinitionViews definitions;

    DefinitionController(DefinitionViews definitions) {
        this.definitions = definitions;
    }

    @GetMapping
    @Operation(summary = "Every loaded definition", description = "Every loaded version of every saga type; new "
            + "sagas start on the newest, running ones stay on the version they started with.")
    public List<DefinitionView> all() {
        return definitions.all();
    }

    @GetMapping("/{type}")
    @Operation(summary = "One definition", description = "Steps, compensations, pivot, deadlines, and the state "
            + "machine as Mermaid text; the newest version unless `version` names another loaded one.")
    public DefinitionView one(@PathVariable String type, @RequestParam(required = false) Integer version) {
        return (version == null ? definitions.of(type) : definitions.of(type, version))
                .orElseThrow(() -> new UnknownSagaTypeException(version == null ? type : type + " v" + version));
    }
}
