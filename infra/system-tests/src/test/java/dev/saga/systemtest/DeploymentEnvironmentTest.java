package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable that {@code infra/deploy} gives a service container is one its application reads:
 * a misspelt or stale name would be ignored without a word, and the service would run on its defaults.
 */
class DeploymentEnvironmentTest {

    private static final ApplicationSettings ORCHESTRATOR = ApplicationSettings.orchestrator();
    private static final ApplicationSettings PARTICIPANTS = ApplicationSettings.participants();

    @Test
    void everyVariableOfTheComposeFileAndTheManifestsIsReadByItsApplication() {
        List<DeployedContainer> containers = DeployedContainer.all();
        assertThat(containers).extracting(DeployedContainer::where).anyMatch(where -> where.contains("docker-compose"))
                .anyMatch(where -> where.contains("k8s"));
        for (DeployedContainer container : containers) {
            ApplicationSettings settings = container.runsOrchestrator() ? ORCHESTRATOR : PARTICIPANTS;
            assertThat(container.environment()).as("%s", container.where()).isNotEmpty();
            assertThat(container.environment()).as("the variables of %s that %s does not read", container.where(),
                    settings.application()).filteredOn(variable -> !settings.reads(variable)).isEmpty();
        }
    }

    @Test
    void tellsAVariableAnApplicationReadsFromOneItDoesNot() {
        assertThat(ORCHESTRATOR.reads("SPRING_RABBITMQ_VIRTUAL_HOST")).isTrue();
        assertThat(ORCHESTRATOR.reads("SAGA_DATABASE_URL")).isTrue();
        assertThat(ORCHESTRATOR.reads("SAGA_ADMIN_OPERATOR_PASSWORD")).isTrue();
        assertThat(ORCHESTRATOR.reads("SAGA_RABBIT_PASSWORD_ORCHESTRATOR")).isTrue();
        assertThat(ORCHESTRATOR.reads("SAGA_RABBIT_PASSWORD_ORDER")).isFalse();
        assertThat(ORCHESTRATOR.reads("SPRING_RABBITMQ_HOSTNAME")).isFalse();
        assertThat(PARTICIPANTS.reads("SAGA_DB_PASSWORD_SHIPPING")).isTrue();
        assertThat(PARTICIPANTS.reads("SAGA_ADMIN_VIEWER_PASSWORD")).isFalse();
    }

    @Test
    void everyProbeUsesAPortTheServiceListensOn() {
        for (DeployedContainer container : DeployedContainer.fromKubernetes()) {
            assertThat(container.services()).as("%s", container.where()).hasSize(1);
            assertThat(container.ports()).as("the named ports of %s", container.where())
                    .containsEntry("http", container.services().get(0).httpPort());
            assertThat(container.probePaths()).as("%s", container.where()).isNotEmpty();
        }
    }
}
