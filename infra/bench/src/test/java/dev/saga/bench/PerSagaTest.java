package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerSagaTest {

    private static Map<String, Double> cores() {
        Map<String, Double> cores = new LinkedHashMap<>();
        cores.put(Measurement.ORCHESTRATOR, 0.3);
        cores.put(Measurement.PARTICIPANTS, 0.4);
        cores.put(Measurement.BROKER, 0.5);
        cores.put(Measurement.DATABASE, 0.6);
        cores.put(Measurement.DATABASE_ALL, 0.8);
        cores.put("bench harness", 0.1);
        cores.put(Measurement.MACHINE, 1.9);
        return cores;
    }

    @Test
    void theNormalisedFigureIsCompletedSagasPerPgbenchTransactionOfTheSameRun() {
        PerSaga perSaga = PerSaga.of(55, cores(), 5000);

        assertThat(perSaga.completedPerPgbenchTps()).isCloseTo(0.011, within(1e-12));
        assertThat(perSaga.normalisedText()).isEqualTo("0.0110");
    }

    @Test
    void withoutAPgbenchFigureTheNormalisedFigureIsNotAvailable() {
        PerSaga perSaga = PerSaga.of(55, cores(), PerSaga.pgbenchTps(null));

        assertThat(perSaga.completedPerPgbenchTps()).isNull();
        assertThat(perSaga.normalisedText()).isEqualTo("n/a");
        assertThat(perSaga.cpuMillis()).isNotNull();
    }

    @Test
    void cpuPerSagaIsEachProcesssCoresTimesAThousandOverCompletedSagasPerSecond() {
        PerSaga perSaga = PerSaga.of(50, cores(), 5000);

        assertThat(perSaga.cpuMillisOf(Measurement.ORCHESTRATOR)).isCloseTo(6.0, within(1e-9));
        assertThat(perSaga.cpuMillisOf(Measurement.PARTICIPANTS)).isCloseTo(8.0, within(1e-9));
        assertThat(perSaga.cpuMillisOf(Measurement.BROKER)).isCloseTo(10.0, within(1e-9));
        assertThat(perSaga.cpuMillisOf(Measurement.DATABASE)).isCloseTo(12.0, within(1e-9));
        assertThat(perSaga.cpuMillisOf(Measurement.DATABASE_ALL)).isCloseTo(16.0, within(1e-9));
        assertThat(perSaga.cpuMillisOf(Measurement.MACHINE)).isCloseTo(38.0, within(1e-9));
    }

    @Test
    void theTotalAddsTheFourPartsOfTheSystemButNotTheHarnessOrTheMachine() {
        PerSaga perSaga = PerSaga.of(50, cores(), 5000);

        assertThat(perSaga.cpuMillis()).isCloseTo(6 + 8 + 10 + 12, within(1e-9));
    }

    @Test
    void aWindowWithoutACompletedSagaHasNoCpuFigure() {
        PerSaga perSaga = PerSaga.of(0, cores(), 5000);

        assertThat(perSaga.cpuMillis()).isNull();
        assertThat(perSaga.cpuMillisOf(Measurement.ORCHESTRATOR)).isNaN();
        assertThat(ReportWriter.millis(perSaga.cpuMillis())).isEqualTo("n/a");
        assertThat(perSaga.completedPerPgbenchTps()).isZero();
    }
}
