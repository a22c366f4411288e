package dev.saga.definition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The bottom of the dependency direction: the DSL, the contracts and the sagas use nothing of the system and no
 * Spring, so both sides (and an adopter's own services) can take them as they are.
 */
class DefinitionsArchitectureTest {

    private static final JavaClasses DEFINITIONS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.saga.definition", "dev.saga.contract", "dev.saga.orderfulfilment",
                    "dev.saga.ordercancellation");

    @Test
    void definitionsUseNothingOfTheSystem() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.saga.orchestrator..",
                "dev.saga.participant..", "dev.saga.messaging..", "dev.saga.web..", "dev.saga.testbed..",
                "org.springframework..").check(DEFINITIONS);
    }

    /** The DSL is generic: the order sagas and their contracts build on it, never the other way round. */
    @Test
    void theDslKnowsNoOrderSagaAndNoOrderContract() {
        noClasses().that().resideInAPackage("dev.saga.definition..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.saga.orderfulfilment..",
                        "dev.saga.ordercancellation..", "dev.saga.contract.order..", "dev.saga.contract.inventory..",
                        "dev.saga.contract.payment..", "dev.saga.contract.shipping..")
                .check(DEFINITIONS);
    }

    /** The schema tools serve any application's contract, the order demo's registration included. */
    @Test
    void theSchemaToolsKnowNoOrderContract() {
        noClasses().that().resideInAPackage("dev.saga.contract.schema..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.saga.orderfulfilment..",
                        "dev.saga.ordercancellation..", "dev.saga.contract.order..", "dev.saga.contract.inventory..",
                        "dev.saga.contract.payment..", "dev.saga.contract.shipping..", "dev.saga.contract.saga..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.saga.contract.Contracts")
                .check(DEFINITIONS);
    }
}
