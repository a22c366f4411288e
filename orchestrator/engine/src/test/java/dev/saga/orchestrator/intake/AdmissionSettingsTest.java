package dev.saga.orchestrator.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionSettingsTest {

    @Test
    void zeroMeansNoLimit() {
        assertThat(new AdmissionSettings(0, Duration.ofMillis(50)).limited()).isFalse();
        assertThat(new AdmissionSettings(200, Duration.ofMillis(50)).limited()).isTrue();
    }

    @Test
    void refusesANegativeLimitNamingTheProperty() {
        assertThatThrownBy(() -> new AdmissionSettings(-1, Duration.ofMillis(50)))
                .hasMessageContaining("saga.admission.max-in-flight");
    }

    @Test
    void refusesARecountThatWouldReadTheDatabaseForEveryStart() {
        assertThatThrownBy(() -> new AdmissionSettings(200, Duration.ZERO))
                .hasMessageContaining("saga.admission.recount");
    }
}
