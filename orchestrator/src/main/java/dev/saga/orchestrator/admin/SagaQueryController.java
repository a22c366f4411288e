package dev.saga.orchestrator.admin;

import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.SagaRepository;
import dev.saga.orchestrator.engine.SagaTimeline;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read-only saga views: recent sagas, one saga with its timeline, a saga by its business key. */
@RestController
@RequestMapping("/api/sagas")
public class SagaQueryController {

    /** A saga and its story. */
    public record SagaView(SagaInstance saga, List<SagaTimeline.Entry> timeline) {
    }

    private final SagaRepository sagas;
    private final SagaTimeline timeline;

    public SagaQueryController(SagaRepository sagas, SagaTimeline timeline) {
        this.sagas = sagas;
        this.timeline = timeline;
    }

    @GetMapping
    public List<SagaInstance> recent(@RequestParam(defaultValue = "50") int limit) {
        return sagas.recent(Math.min(Math.max(limit, 1), 500));
    }

    @GetMapping("/{id}")
    public SagaView one(@PathVariable UUID id) {
        SagaInstance saga = sagas.find(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No saga " + id));
        return new SagaView(saga, timeline.of(id));
    }

    @GetMapping("/by-key/{type}/{businessKey}")
    public SagaView byBusinessKey(@PathVariable String type, @PathVariable String businessKey) {
        SagaInstance saga = sagas.findByBusinessKey(type, businessKey).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + type + " saga for " + businessKey));
        return new SagaView(saga, timeline.of(saga.id()));
    }
}
