package dev.saga.participant.launcher;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The participants as the README's layout draws them: each service uses the kit, the contracts and the messaging
 * library, never the orchestrator and never another service; the kit knows no service; only this launcher,
 * which co-hosts them, sees them all. This module has every participant on its class path, so the rules see
 * them all; a service is a package {@code dev.saga.participant.<service>}, so a new one is covered as it comes.
 */
class ParticipantArchitectureTest {

    private static final String PARTICIPANTS = "dev.saga.participant";
    private static final String KIT = PARTICIPANTS + ".kit..";
    private static final String LAUNCHER = PARTICIPANTS + ".launcher..";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PARTICIPANTS);

    @Test
    void noParticipantUsesTheOrchestrator() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.saga.orchestrator..").check(CLASSES);
    }

    @Test
    void theKitKnowsNoService() {
        noClasses().that().resideInAPackage(KIT)
                .should().dependOnClassesThat(resideInAPackage(PARTICIPANTS + "..").and(resideOutsideOfPackage(KIT)))
                .check(CLASSES);
    }

    /** Each package below the participants is a slice; only the launcher may use the others, anyone the kit. */
    @Test
    void noServiceUsesAnotherService() {
        slices().matching(PARTICIPANTS + ".(*)..").should().notDependOnEachOther()
                .ignoreDependency(resideInAPackage(LAUNCHER), DescribedPredicate.alwaysTrue())
                .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage(KIT))
                .check(CLASSES);
    }
}
