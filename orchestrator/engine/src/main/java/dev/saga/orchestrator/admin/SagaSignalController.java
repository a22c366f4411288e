package dev.saga.orchestrator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.orchestrator.operations.SagaSignals;
import dev.saga.orchestrator.query.SagaDetails;
import dev.saga.orchestrator.query.SagaViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An operator decides a saga's waiting step with a signal, e.g. {@code approve} with the reviewer's note. The client
 * names each request with an {@code Idempotency-Key}, so repeating it has no second effect.
 */
@RestController
@RequestMapping("/api/sagas/{id}/signals")
@Tag(name = "Saga actions", description = "What an operator can do to sagas")
public class SagaSignalController {

    private final SagaSignals signals;
    private final MessageBodyReader bodies;
    private final SagaViews views;

    SagaSignalController(SagaSignals signals, MessageBodyReader bodies, SagaViews views) {
        this.signals = signals;
        this.bodies = bodies;
        this.views = views;
    }

    @PostMapping("/{name}")
    @Operation(summary = "Signal a waiting saga", description = "Decides the saga's waiting step: the signal means "
            + "success or failure, as its definition declares, and the body is the signal's record. 404 when no "
            + "step of the saga's definition waits for a signal of that name; 409 with the reason when the saga "
            + "does not wait for it now. The same Idempotency-Key answers with the saga and changes nothing.")
    @ApiResponse(responseCode = "200", description = "Applied, now or by an earlier request with this key")
    public SagaDetails signal(
            @PathVariable UUID id, @PathVariable String name,
            @Parameter(description = "Names this signal request; repeat it to repeat the request safely")
            @RequestHeader(SagaStartController.IDEMPOTENCY_KEY) @NotBlank @Size(max = 200) String idempotencyKey,
            @RequestBody JsonNode body, Principal operator) {
        Object decoded = bodies.read(signals.bodyType(id, name), body);
        signals.signal(id, name, decoded, idempotencyKey.trim(), operator.getName());
        return views.details(id);
    }
}
