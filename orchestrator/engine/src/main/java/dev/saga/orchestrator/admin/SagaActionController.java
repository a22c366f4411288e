package dev.saga.orchestrator.admin;

import dev.saga.orchestrator.operations.SagaOperations;
import dev.saga.orchestrator.query.SagaDetails;
import dev.saga.orchestrator.query.SagaViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An operator steers one saga: resend its command, abort it, or take it up again after it got stuck. Each
 * answers with the saga as it is afterwards; an action its state does not allow is refused with 409.
 */
@RestController
@RequestMapping("/api/sagas/{id}")
@Tag(name = "Saga actions", description = "What an operator can do to sagas")
public class SagaActionController {

    private final SagaOperations operations;
    private final SagaViews views;

    SagaActionController(SagaOperations operations, SagaViews views) {
        this.operations = operations;
        this.views = views;
    }

    @PostMapping("/retry")
    @Operation(summary = "Resend the current command", description = "The next attempt, with the same message id "
            + "and a new deadline. RUNNING, COMPENSATING or STUCK (one more attempt, waited for as RUNNING).")
    public SagaDetails retry(@PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequest request,
                             Principal operator) {
        operations.retry(id, operator.getName(), ActionRequest.reasonOf(request));
        return views.details(id);
    }

    @PostMapping("/compensate")
    @Operation(summary = "Abort the saga", description = "Only before the pivot: gives the current step up as a "
            + "deadline would and compensates what ran.")
    public SagaDetails compensate(@PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequest request,
                                  Principal operator) {
        operations.compensate(id, operator.getName(), ActionRequest.reasonOf(request));
        return views.details(id);
    }

    @PostMapping("/resume")
    @Operation(summary = "Resume a STUCK saga", description = "After the cause was fixed: resends the current "
            + "command and waits again as RUNNING, with a fresh round of attempts and deadlines.")
    public SagaDetails resume(@PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequest request,
                              Principal operator) {
        operations.resume(id, operator.getName(), ActionRequest.reasonOf(request));
        return views.details(id);
    }
}
