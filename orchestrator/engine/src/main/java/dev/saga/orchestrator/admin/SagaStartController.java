package dev.saga.orchestrator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.operations.SagaOperations;
import dev.saga.orchestrator.query.SagaDetails;
import dev.saga.orchestrator.query.SagaViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Starts a saga by hand, from the JSON of its start event. The client names each start request with an
 * {@code Idempotency-Key}, so repeating a request (after a timeout, say) finds the saga instead of starting
 * another.
 */
@RestController
@RequestMapping("/api/sagas")
@Tag(name = "Saga actions", description = "What an operator can do to sagas")
public class SagaStartController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The business key is indexed; PostgreSQL refuses an index row of more than a few kilobytes. */
    static final int MAX_BUSINESS_KEY = 200;

    private final SagaCatalog catalog;
    private final MessageBodyReader events;
    private final SagaOperations operations;
    private final SagaViews views;

    SagaStartController(SagaCatalog catalog, MessageBodyReader events, SagaOperations operations, SagaViews views) {
        this.catalog = catalog;
        this.events = events;
        this.operations = operations;
        this.views = views;
    }

    @PostMapping("/{type}")
    @Operation(summary = "Start a saga", description = "The body is the definition's start event, e.g. an "
            + "OrderCreated for order-fulfilment. The same Idempotency-Key (per type) answers with the saga it "
            + "started before.")
    @ApiResponse(responseCode = "201", description = "Started")
    @ApiResponse(responseCode = "200", description = "Started before with this Idempotency-Key")
    public ResponseEntity<SagaDetails> start(
            @PathVariable String type,
            @Parameter(description = "Names this start request; repeat it to repeat the request safely")
            @RequestHeader(IDEMPOTENCY_KEY) @NotBlank @Size(max = 200) String idempotencyKey,
            @RequestBody JsonNode body, Principal operator) {
        SagaCatalog.LoadedSaga loaded = catalog.forType(type).orElseThrow(() -> new UnknownSagaTypeException(type));
        Object event = events.read(loaded.definition().start().eventType(), body);
        String businessKey = loaded.definition().start().businessKey().apply(event);
        if (businessKey.length() > MAX_BUSINESS_KEY) {
            throw new InvalidInputException("The body names a business key too long to store", List.of(
                    new FieldProblem("body", "gives a business key of " + businessKey.length()
                            + " characters; at most " + MAX_BUSINESS_KEY + " are allowed")));
        }
        SagaOperations.StartOutcome outcome = operations.start(loaded, event, idempotencyKey.trim(),
                operator.getName());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/sagas/{id}")
                .buildAndExpand(outcome.sagaId()).toUri();
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).location(location)
                .body(views.details(outcome.sagaId()));
    }
}
