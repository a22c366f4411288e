package dev.saga.messaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The messaging library serves both sides and knows neither: no service, no saga of the demo, no HTTP layer.
 * It may read the contracts' envelope types and schemas ({@code dev.saga.contract}, {@code dev.saga.definition}).
 */
class MessagingArchitectureTest {

    private static final JavaClasses MESSAGING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.saga.messaging");

    @Test
    void messagingUsesNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.saga.orchestrator..",
                "dev.saga.participant..", "dev.saga.web..", "dev.saga.testbed..", "dev.saga.orderfulfilment..",
                "dev.saga.ordercancellation..").check(MESSAGING);
    }
}
