package dev.saga.participant.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LockKeyTest {

    @Test
    void theSameKindAndIdAlwaysMapToTheSameKey() {
        UUID order = UUID.fromString("7f8e0a3c-2b1d-4c5e-9f60-1a2b3c4d5e6f");

        assertThat(LockKey.of("order", order).value()).isEqualTo(LockKey.of("order", order.toString()).value())
                .isEqualTo(4556655702121528229L); // pinned: a changed mapping would split locks across versions
    }

    @Test
    void kindsWithTheSameIdAreDifferentKeys() {
        assertThat(LockKey.of("order", "42").value()).isNotEqualTo(LockKey.of("account", "42").value());
    }

    @Test
    void aKeyNeedsAKindAndAnId() {
        assertThatThrownBy(() -> new LockKey(" ", "42")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockKey("order", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
