package dev.saga.orchestrator.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** The optional body of an action on a saga: why the operator does it, kept in the timeline. */
public record ActionRequest(
        @Schema(description = "Why, in a few words", example = "shipping fixed its label printer")
        @Size(max = 500) String reason) {

    static String reasonOf(ActionRequest request) {
        return request == null || request.reason() == null || request.reason().isBlank()
                ? null : request.reason().trim();
    }
}
