package dev.saga.orchestrator;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's packages and what each may use, as the README's layout draws them: {@code engine} is the
 * core (with {@code engine.plan}, the plain-Java plan of each saga, and {@code engine.machine}, the only package
 * that knows Spring Statemachine); each feature package uses the engine and no other feature; {@code admin}
 * serves HTTP over them and nothing but the auto-configuration in the root package uses it.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.saga.orchestrator";
    private static final String ENGINE = ROOT + ".engine..";
    private static final String PLAN = ROOT + ".engine.plan..";
    private static final String METRICS = ROOT + ".metrics..";
    private static final String ADMIN = ROOT + ".admin..";

    private static final JavaClasses ORCHESTRATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesFormNoCycle() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(ORCHESTRATOR);
    }

    @Test
    void theEngineUsesNoFeatureAndNoAdmin() {
        noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(resideInAnyPackage(ENGINE, METRICS).negate()))
                .check(ORCHESTRATOR);
    }

    /**
     * Each package below the root is a slice (a feature, with its subpackages); only {@code admin} may use the
     * others, and every one may use the engine and the metrics. A new feature package is covered as it comes.
     */
    @Test
    void noFeatureUsesAnotherFeature() {
        slices().matching(ROOT + ".(*)..").should().notDependOnEachOther()
                .ignoreDependency(resideInAPackage(ADMIN), DescribedPredicate.alwaysTrue())
                .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAnyPackage(ENGINE, METRICS))
                .check(ORCHESTRATOR);
    }

    @Test
    void nothingUsesTheAdminApi() {
        noClasses().that().resideOutsideOfPackage(ADMIN).and().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat().resideInAPackage(ADMIN)
                .check(ORCHESTRATOR);
    }

    @Test
    void metricsKnowOnlyThePlan() {
        noClasses().that().resideInAPackage(METRICS)
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(resideInAnyPackage(METRICS, PLAN).negate()))
                .check(ORCHESTRATOR);
    }

    @Test
    void thePlanIsPlainJava() {
        noClasses().that().resideInAPackage(PLAN)
                .should().dependOnClassesThat(resideInAnyPackage("org.springframework..", "java.sql..",
                        "com.rabbitmq..", "dev.saga.messaging..")
                        .or(resideInAPackage(ROOT + "..").and(resideInAPackage(PLAN).negate())))
                .check(ORCHESTRATOR);
    }

    @Test
    void onlyTheMachinePackageKnowsSpringStatemachine() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".engine.machine..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.statemachine..")
                .check(ORCHESTRATOR);
    }

    @Test
    void theOrchestratorUsesNoParticipant() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.saga.participant..")
                .check(ORCHESTRATOR);
    }
}
