package dev.saga.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

    private static final Path REPO = Path.of("/repo");

    @Test
    void runsVersionOneUnlessToldOtherwise() {
        RunOptions options = RunOptions.parse(new String[] {"duplicates", "--sagas", "40"}, REPO);

        assertThat(options.sagaVersion()).isEqualTo(1);
        assertThat(options.sagaVersionSettings()).isEmpty();
        assertThat(options.reproduce()).isEqualTo("--sagas 40 --seed 1");
    }

    @Test
    void versionTwoLoadsItWithAShortCaptureDelayAndIsRepeatedInTheReproduceLine() {
        RunOptions options = RunOptions.parse(new String[] {"duplicates", "--saga-version", "2", "--seed", "7"},
                REPO);

        assertThat(options.sagaVersionSettings()).containsExactly("--order-fulfilment.v2.enabled=true",
                "--order-fulfilment.v2.capture-delay=1s");
        assertThat(options.reproduce()).isEqualTo("--sagas 100 --seed 7 --saga-version 2");
    }

    @Test
    void refusesAVersionThatIsNotLoaded() {
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"duplicates", "--saga-version", "3"}, REPO))
                .hasMessage("--saga-version is 1 or 2");
    }

    @Test
    void theClusterIsChosenByItsOptionAndRepeatedInTheReproduceLine() {
        RunOptions single = RunOptions.parse(new String[] {"all"}, REPO);
        RunOptions cluster = RunOptions.parse(new String[] {"all", "--cluster", "--sagas", "500"}, REPO);

        assertThat(single.cluster()).isFalse();
        assertThat(cluster.cluster()).isTrue();
        assertThat(cluster.reproduce()).isEqualTo("--sagas 500 --seed 1 --cluster");
    }

    @Test
    void theClusterRunsItsOwnScenarios() {
        assertThat(ClusterScenarios.all()).containsOnlyKeys("node-kill", "node-partition", "rolling-restart",
                "node-replace", "db-failover", "standby-lost");
        assertThat(Scenarios.all(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(10)))
                .doesNotContainKeys("node-kill", "db-failover");
    }
}
