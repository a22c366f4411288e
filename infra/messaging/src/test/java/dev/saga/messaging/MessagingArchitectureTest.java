package dev.saga.messaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The messaging library serves both sides and knows neither: no service, no saga of the demo, no HTTP layer.
 * It may read the DSL and the schema tools ({@code dev.saga.definition}, {@code dev.saga.contract.schema}), never the
 * order demo's contracts: an application contributes its own.
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

    @Test
    void messagingRegistersNoContractOfItsOwn() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.saga.contract.order..",
                        "dev.saga.contract.inventory..", "dev.saga.contract.payment..", "dev.saga.contract.shipping..",
                        "dev.saga.contract.saga..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.saga.contract.Contracts")
                .check(MESSAGING);
    }
}
