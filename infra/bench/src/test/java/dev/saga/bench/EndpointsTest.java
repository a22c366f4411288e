package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void withoutTheClusterTargetTheBenchUsesTheMachinesSharedServices() {
        Endpoints endpoints = Endpoints.fromEnvironment(Map.of());

        assertThat(endpoints.cluster()).isFalse();
        assertThat(endpoints.amqpPorts()).containsExactly(5672);
        assertThat(endpoints.serviceDatabaseUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/bench");
    }

    @Test
    void onTheClusterTheServicesGetEveryNodeAndBothHostsWhileTheBenchReadsThePrimary() {
        Endpoints endpoints = Endpoints.fromEnvironment(Map.of("BENCH_TARGET", "cluster",
                "BENCH_AMQP_ADDRESSES", "127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683",
                "BENCH_MANAGEMENT_URL", "http://127.0.0.1:15681", "BENCH_PG_PORT", "5442",
                "BENCH_DATABASE_URL",
                "jdbc:postgresql://127.0.0.1:5441,127.0.0.1:5442/bench?targetServerType=primary"));

        assertThat(endpoints.amqpPorts()).containsExactly(5681, 5682, 5683);
        assertThat(endpoints.firstAmqpAddress()).isEqualTo("127.0.0.1:5681");
        assertThat(endpoints.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5442/bench?ApplicationName=bench");
        assertThat(endpoints.serviceDatabaseUrl()).contains("5441,127.0.0.1:5442").endsWith("targetServerType=primary");
    }

    @Test
    void aClusterTargetWithoutItsAddressesIsRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> Endpoints.fromEnvironment(Map.of("BENCH_TARGET", "cluster")))
                .hasMessageContaining("BENCH_PG_PORT");
    }
}
