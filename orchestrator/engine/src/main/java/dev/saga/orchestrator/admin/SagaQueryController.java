package dev.saga.orchestrator.admin;

import dev.saga.orchestrator.query.SagaDetails;
import dev.saga.orchestrator.query.SagaPage;
import dev.saga.orchestrator.query.SagaSearch;
import dev.saga.orchestrator.query.SagaViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only saga views: a filtered page of sagas, one saga with its timeline, a saga by its business key. */
@RestController
@RequestMapping("/api/sagas")
@Tag(name = "Sagas", description = "Where every saga stands and what happened to it")
public class SagaQueryController {

    private final SagaSearch search;
    private final SagaViews views;

    SagaQueryController(SagaSearch search, SagaViews views) {
        this.search = search;
        this.views = views;
    }

    @GetMapping
    @Operation(summary = "List sagas", description = "Filtered by type, status, step, creation time and business "
            + "key; paginated and sorted, newest first by default.")
    public SagaPage list(@Valid @ParameterObject SagaSearchParams params) {
        SagaSearch.Page found = search.find(params.filter(), params.sortBy(), params.ascending(),
                params.pageNumber(), params.pageSize());
        int size = params.pageSize();
        return new SagaPage(found.items().stream().map(views::summary).toList(), new SagaPage.PageInfo(
                params.pageNumber(), size, found.total(), (found.total() + size - 1) / size, params.sortOrDefault()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One saga", description = "Status, machine state, current step and attempt, deadline, "
            + "failure reason, data and the full timeline.")
    public SagaDetails one(@PathVariable UUID id) {
        return views.details(id);
    }

    @GetMapping("/by-key/{type}/{businessKey}")
    @Operation(summary = "One saga by its business key", description = "e.g. order-fulfilment and the order id.")
    public SagaDetails byBusinessKey(@PathVariable String type, @PathVariable String businessKey) {
        return views.byBusinessKey(type, businessKey).orElseThrow(() ->
                new SagaNotFoundByKeyException(type, businessKey));
    }
}
