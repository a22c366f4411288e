package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static BenchOptions parse(String... args) {
        return BenchOptions.parse(Path.of("repo"), Path.of("run"), Path.of("o.jar"), Path.of("p.jar"), args);
    }

    @Test
    void aFullRunSweepsSixtyFourTwoHundredAndFourHundredInFlight() {
        assertThat(parse().concurrency()).containsExactly(64, 200, 400);
    }

    @Test
    void aQuickRunMeasuresOneLevelUnlessConcurrencyIsGiven() {
        assertThat(parse("--quick").concurrency()).containsExactly(64);
        assertThat(parse("--quick", "--concurrency", "8,16").concurrency()).containsExactly(8, 16);
        assertThat(parse("--concurrency=32").concurrency()).containsExactly(32);
    }

    @Test
    void thePreloadedCountRunsInAFullRunAndInAQuickOneOnlyWhenAskedFor() {
        assertThat(parse().preloaded()).isTrue();
        assertThat(parse("--no-preloaded").preloaded()).isFalse();
        assertThat(parse("--quick").preloaded()).isFalse();
        assertThat(parse("--quick", "--preloaded").preloaded()).isTrue();
    }

    @Test
    void anEmptyOrNonPositiveConcurrencyIsRefused() {
        assertThatThrownBy(() -> parse("--concurrency", ",")).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> parse("--concurrency", "64,0")).hasMessageContaining("--concurrency");
    }

    @Test
    void propertyOptionsCollectEveryKeyValueForTheirOwnServicesInOrder() {
        BenchOptions options = parse("--orchestrator-property", "saga.admission.max-in-flight=0",
                "--participant-property=spring.datasource.hikari.maximum-pool-size=8",
                "--orchestrator-property", "saga.consumer.prefetch=100");

        assertThat(options.orchestratorProperties()).containsExactly(
                Map.entry("saga.admission.max-in-flight", "0"), Map.entry("saga.consumer.prefetch", "100"));
        assertThat(options.participantProperties()).containsExactly(
                Map.entry("spring.datasource.hikari.maximum-pool-size", "8"));
    }

    @Test
    void withoutPropertyOptionsTheServicesRunWithTheirDefaults() {
        BenchOptions options = parse("--quick");

        assertThat(options.orchestratorProperties()).isEmpty();
        assertThat(options.participantProperties()).isEmpty();
        assertThat(options.appendToDocs()).isFalse();
    }

    @Test
    void aKeyGivenTwiceKeepsItsLastValueAndAValueMayBeEmptyOrContainEquals() {
        BenchOptions options = parse("--orchestrator-property", "a.b=1", "--orchestrator-property", "a.b=2",
                "--orchestrator-property", "c.d=", "--orchestrator-property", "e.f=x=y");

        assertThat(options.orchestratorProperties()).containsExactly(Map.entry("a.b", "2"), Map.entry("c.d", ""),
                Map.entry("e.f", "x=y"));
    }

    @Test
    void aPropertyWithoutEqualsIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("--orchestrator-property", "saga.admission.max-in-flight"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--orchestrator-property needs key=value, got 'saga.admission.max-in-flight'");
        assertThatThrownBy(() -> parse("--participant-property=foo"))
                .hasMessageStartingWith("--participant-property needs key=value, got 'foo'");
    }

    @Test
    void aPropertyWithoutANameOrInArgumentSyntaxIsRefused() {
        assertThatThrownBy(() -> parse("--participant-property", "=8"))
                .hasMessageStartingWith("--participant-property needs a property name before '='");
        assertThatThrownBy(() -> parse("--orchestrator-property", "--saga.admission.max-in-flight=0"))
                .hasMessageStartingWith("--orchestrator-property needs a property name before '='");
    }

    @Test
    void aPropertyOptionWithNothingAfterItIsRefused() {
        assertThatThrownBy(() -> parse("--quick", "--orchestrator-property"))
                .hasMessageStartingWith("--orchestrator-property needs a value");
    }

    @Test
    void appendToDocsIsOptInAndTheArgumentsAreKeptForTheReport() {
        BenchOptions options = parse("--quick", "--append-to-docs");

        assertThat(options.appendToDocs()).isTrue();
        assertThat(options.arguments()).containsExactly("--quick", "--append-to-docs");
    }

    @Test
    void theScaleOutSweepRunsOneTwoAndThreeOrchestratorsWithOneAndTwoParticipantInstancesUnlessTold() {
        BenchOptions defaults = parse("--scale-out");
        assertThat(defaults.scaleOut()).isTrue();
        assertThat(defaults.orchestratorCounts()).containsExactly(1, 2, 3);
        assertThat(defaults.participantCounts()).containsExactly(1, 2);

        BenchOptions chosen = parse("--scale-out", "--orchestrators", "2", "--participant-instances=1,3");
        assertThat(chosen.orchestratorCounts()).containsExactly(2);
        assertThat(chosen.participantCounts()).containsExactly(1, 3);
    }

    @Test
    void instanceCountsOutsideOneToThreeOrNotNumbersAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("--orchestrators", "0,1")).hasMessageContaining("--orchestrators");
        assertThatThrownBy(() -> parse("--participant-instances", "4")).hasMessageContaining("--participant-instances");
        assertThatThrownBy(() -> parse("--orchestrators", "two")).hasMessageContaining("--orchestrators");
        assertThatThrownBy(() -> parse("--scale-out", "--append-to-docs")).hasMessageContaining("scale-out");
    }

    @Test
    void onTheClusterTheStatementCountIsLeftOutUnlessTheServerLogIsNamed() {
        assertThat(parse("--cluster").cluster()).isTrue();
        assertThat(parse("--cluster").sqlCount()).isFalse();
        assertThat(parse("--cluster", "--pg-log", "/var/log/postgresql/postgresql-15-saga-a.log").sqlCount())
                .isTrue();
        assertThat(parse().sqlCount()).isTrue();
    }
}
