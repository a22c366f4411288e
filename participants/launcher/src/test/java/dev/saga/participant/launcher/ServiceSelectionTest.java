package dev.saga.participant.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceSelectionTest {

    private static final Set<String> KNOWN = new LinkedHashSet<>(List.of("order", "inventory", "payment"));

    @Test
    void startsEveryServiceWhenNoneIsNamed() {
        ServiceSelection selection = ServiceSelection.parse(KNOWN, "--server.port=0");

        assertThat(selection.services()).containsExactly("order", "inventory", "payment");
        assertThat(selection.serviceArgs()).containsExactly("--logging.include-application-name=false",
                "--server.port=0");
    }

    @Test
    void startsTheNamedServicesInStartOrderAndKeepsTheOptionFromThem() {
        ServiceSelection selection = ServiceSelection.parse(KNOWN, "--services=payment, order", "--debug");

        assertThat(selection.services()).containsExactly("order", "payment");
        assertThat(selection.serviceArgs()).endsWith("--debug").noneMatch(arg -> arg.startsWith("--services"));
    }

    @Test
    void letsAnArgumentOverrideACoHostingDefault() {
        ServiceSelection selection = ServiceSelection.parse(KNOWN, "--logging.include-application-name=true");

        assertThat(selection.serviceArgs()).containsExactly("--logging.include-application-name=true");
    }

    @Test
    void refusesAnUnknownService() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceSelection.parse(KNOWN, "--services=order,bank"))
                .withMessageContaining("Unknown service 'bank'");
    }

    @Test
    void refusesAnEmptySelection() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceSelection.parse(KNOWN, "--services="));
    }
}
