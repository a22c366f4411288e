package dev.saga.orchestrator.admin;

import dev.saga.orchestrator.engine.plan.SagaStatus;
import dev.saga.orchestrator.query.SagaFilter;
import dev.saga.orchestrator.query.SagaSearch;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The query parameters of {@code GET /api/sagas}; every filter is optional. {@code orderId} is the deprecated
 * name of {@code businessKey}, from when the API knew only order sagas.
 */
public record SagaSearchParams(
        @Parameter(description = "Saga type, e.g. order-fulfilment") String type,
        @Parameter(description = "Saga status") SagaStatus status,
        @Parameter(description = "Current step, forward or compensating (reserve-stock), or an exact machine state")
        String step,
        @Parameter(description = "Created at or after this instant (ISO-8601, e.g. 2025-01-31T12:00:00Z)")
        Instant createdFrom,
        @Parameter(description = "Created before this instant (ISO-8601)") Instant createdTo,
        @Parameter(description = "The saga's business key, e.g. the order id of an order saga") String businessKey,
        @Parameter(deprecated = true, description = "Deprecated: use businessKey. The old name of that filter, "
                + "still accepted; given together with businessKey it must name the same key") String orderId,
        @Parameter(description = "Page number, from 0") @Min(0) Integer page,
        @Parameter(description = "Page size, 1 to 200 (default 20)") @Min(1) @Max(200) Integer size,
        @Parameter(description = "createdAt or updatedAt, then ,asc or ,desc (default createdAt,desc)")
        @Pattern(regexp = "(createdAt|updatedAt)(,(asc|desc))?",
                message = "must be createdAt or updatedAt, optionally followed by ,asc or ,desc") String sort) {

    static final int DEFAULT_SIZE = 20;
    static final String DEFAULT_SORT = "createdAt,desc";

    /** The filter, once the parameters that depend on each other agree; else the fields to fix. */
    SagaFilter filter() {
        List<FieldProblem> problems = new ArrayList<>();
        if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
            problems.add(new FieldProblem("createdTo", "must be after createdFrom"));
        }
        String key = blankToNull(businessKey);
        String order = blankToNull(orderId);
        if (key != null && order != null && !key.equals(order)) {
            problems.add(new FieldProblem("orderId", "names another business key than businessKey"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The sagas cannot be listed; see errors for the parameters to fix",
                    problems);
        }
        return new SagaFilter(blankToNull(type), status, blankToNull(step), createdFrom, createdTo,
                key != null ? key : order);
    }

    int pageNumber() {
        return page == null ? 0 : page;
    }

    int pageSize() {
        return size == null ? DEFAULT_SIZE : size;
    }

    String sortOrDefault() {
        return sort == null || sort.isBlank() ? DEFAULT_SORT : sort;
    }

    SagaSearch.SortBy sortBy() {
        return sortOrDefault().startsWith("updatedAt") ? SagaSearch.SortBy.UPDATED_AT : SagaSearch.SortBy.CREATED_AT;
    }

    boolean ascending() {
        return sortOrDefault().toLowerCase(Locale.ROOT).endsWith(",asc");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
