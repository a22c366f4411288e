package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.saga.systemtest.ClusterBroker.QueueReplicas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The system on the three-node RabbitMQ cluster of {@code infra/cluster/rabbit}, each test on a virtual host of its
 * own: the services take every node as {@code spring.rabbitmq.addresses}, their quorum queues get a member on each
 * node, and a node's death moves the queues' leaders and the services' connections to the others.
 */
class BrokerClusterSystemIT {

    private static final List<String> NODES = IntStream.rangeClosed(1, ClusterBroker.NODES)
            .mapToObj(ClusterBroker::nodeName).toList();

    @BeforeAll
    static void cluster() {
        assumeTrue(ClusterBroker.available(), "needs a local RabbitMQ installation and jq for infra/cluster/rabbit");
        ClusterBroker.up();
    }

    @Test
    void everyQueueOfTheServicesHasAReplicaOnEachNode() {
        String vhost = freshVirtualHost();
        try (RunningSystem system = RunningSystem.startOnCluster(vhost)) {
            Map<String, QueueReplicas> queues = ClusterBroker.replicas(vhost);

            assertThat(queues).containsKeys("orchestrator.replies", "orchestrator.saga-starts", "inventory.commands",
                    "payment.commands", "inventory.commands.dlq", "inventory.commands.retry.1");
            assertThat(queues).allSatisfy((name, queue) -> {
                assertThat(queue.type()).as(name).isEqualTo("quorum");
                assertThat(queue.members()).as(name + " members").containsExactlyInAnyOrderElementsOf(NODES);
            });
        } finally {
            ClusterBroker.deleteVirtualHost(vhost);
        }
    }

    /**
     * The clients list the nodes in one order, so the first node leads every queue they declared: killing it moves
     * every leader and every connection at once, while orders keep coming.
     */
    @Test
    void theNodeLeadingTheMostQueuesKilledMidStreamLosesAndDoublesNothing() throws Exception {
        String vhost = freshVirtualHost();
        try (RunningSystem system = RunningSystem.startOnCluster(vhost)) {
            Invariants invariants = Invariants.seededFrom(system.database());
            Shop shop = new Shop(system);
            int leader = busiestLeader(vhost);
            List<UUID> orders = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                orders.add(shop.placeOrderOfMix(i));
            }
            ClusterBroker.kill(leader);
            try {
                for (int i = 20; i < 40; i++) {
                    orders.add(shop.placeOrderOfMix(i));
                }
                await("every saga ends with node " + leader + " down").atMost(Duration.ofSeconds(120))
                        .untilAsserted(() -> assertThat(orders).allSatisfy(order ->
                                assertThat(shop.sagaStatus(order)).isIn("COMPLETED", "COMPENSATED")));
                assertThat(ClusterBroker.replicas(vhost)).as("every queue leads from a node that runs")
                        .allSatisfy((name, queue) -> assertThat(queue.leader()).as(name)
                                .isNotEqualTo(ClusterBroker.nodeName(leader)).isIn(NODES));
                assertThat(Shop.healthStatus(system.orchestratorUrl())).as("orchestrator health, reconnected")
                        .isEqualTo(200);
                assertThat(Shop.healthStatus(system.urlOf("inventory"))).as("inventory health, reconnected")
                        .isEqualTo(200);
            } finally {
                ClusterBroker.start(leader);
            }
            invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
        } finally {
            ClusterBroker.deleteVirtualHost(vhost);
        }
    }

    /** Each node in turn stopped and started again while orders come in, as an upgrade of the cluster goes. */
    /** The node that leads the most of the virtual host's queues. */
    private static int busiestLeader(String vhost) {
        String node = ClusterBroker.replicas(vhost).values().stream()
                .collect(Collectors.groupingBy(QueueReplicas::leader, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue(Comparator.naturalOrder())).map(Map.Entry::getKey).orElseThrow();
        return NODES.indexOf(node) + 1;
    }

    private static String freshVirtualHost() {
        String vhost = "it_cluster_" + UUID.randomUUID().toString().substring(0, 8);
        ClusterBroker.createVirtualHost(vhost);
        return vhost;
    }
}
