package dev.saga.orchestrator.versions;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up, in the operator's terms, which definition versions are missing and what to do about it. */
public class DefinitionVersionsFailureAnalyzer extends AbstractFailureAnalyzer<DefinitionVersionsMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DefinitionVersionsMissingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Deploy an orchestrator that still loads " + cause.missingVersions()
                        + " (keep those SagaDefinition beans next to the new versions) and let those sagas finish, "
                        + "or move them to a loaded version with a declared SagaMigration "
                        + "(POST /api/definitions/{type}/migrations/{from}/{to}) before retiring a version. "
                        + "GET /api/sagas?type=<type> shows the sagas.", cause);
    }
}
