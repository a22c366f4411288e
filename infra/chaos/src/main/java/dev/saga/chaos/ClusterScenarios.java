package dev.saga.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The scenarios of a run with {@code --cluster}, in the order {@code all} runs them: the broker cluster loses a
 * node in each way one can be lost, and the replicated database loses its primary, then its standby. After every
 * broker fault each quorum queue must have all three members online again. The plans register no undo steps: what
 * one leaves broken when it is interrupted, the restorer puts back through {@code infra/cluster/rabbit restore} and
 * {@code infra/cluster/postgres restore} (every node running and joined, none cut off; a primary with a synchronous
 * standby, which also releases commits held for a lost standby).
 */
final class ClusterScenarios {

    static final double PARTITION_SECONDS = 20;
    /** How long the primary waits for its lost standby before the operator lets it commit alone. */
    static final double STANDBY_LOST_SECONDS = 8;
    private static final Duration FULL_MEMBERSHIP_WITHIN = Duration.ofMinutes(2);

    private ClusterScenarios() {
    }

    static Map<String, Scenario> all() {
        Map<String, Scenario> all = new LinkedHashMap<>();
        for (Scenario scenario : List.of(nodeKill(), nodePartition(), rollingRestart(), nodeReplace(), dbFailover(),
                standbyLost())) {
            all.put(scenario.name(), scenario);
        }
        return all;
    }

    static Scenario nodeKill() {
        return new PlannedScenario("node-kill", "kill -9 the broker node leading the busiest queues, restart it later",
                Duration.ofSeconds(35), faults -> {
                    faults.pauseBetween(4, 6);
                    int node = busiestLeader(faults);
                    faults.log("kill -9 " + ClusterControl.nodeName(node) + ", the leader of the busiest queues");
                    faults.infra().cluster().killNode(node);
                    faults.pauseBetween(10, 15);
                    faults.log("starting " + ClusterControl.nodeName(node) + " again");
                    faults.infra().cluster().startNode(node);
                    faults.cleared("kill -9 of " + ClusterControl.nodeName(node));
                    awaitFullMembership(faults);
                });
    }

    static Scenario nodePartition() {
        return new PlannedScenario("node-partition", "the busiest queues' leader cut off from the other two nodes",
                Duration.ofSeconds(35), faults -> {
                    faults.pauseBetween(4, 6);
                    int node = busiestLeader(faults);
                    faults.log(String.format("cutting %s off its peers for %.0f s", ClusterControl.nodeName(node),
                            PARTITION_SECONDS));
                    faults.infra().cluster().partitionNode(node);
                    Pause.seconds(PARTITION_SECONDS);
                    faults.log("healing the partition of " + ClusterControl.nodeName(node));
                    faults.infra().cluster().healNode(node);
                    faults.cleared("partition of " + ClusterControl.nodeName(node));
                    awaitFullMembership(faults);
                });
    }

    static Scenario rollingRestart() {
        return new PlannedScenario("rolling-restart", "each broker node stopped and started in turn, as for an upgrade",
                Duration.ofSeconds(65), faults -> {
                    List<Integer> order = new ArrayList<>(IntStream.rangeClosed(1, ClusterControl.NODES).boxed()
                            .toList());
                    Collections.shuffle(order, faults.random());
                    for (int node : order) {
                        faults.pauseBetween(3, 5);
                        faults.log("stopping " + ClusterControl.nodeName(node)
                                + " once its quorum queues can spare it");
                        faults.infra().cluster().stopNode(node);
                        faults.pauseBetween(2, 3);
                        faults.log("starting " + ClusterControl.nodeName(node));
                        faults.infra().cluster().startNode(node);
                        faults.cleared("restart of " + ClusterControl.nodeName(node));
                        awaitFullMembership(faults);
                    }
                });
    }

    static Scenario nodeReplace() {
        return new PlannedScenario("node-replace", "a broker node lost with its data; a new one joins, queues grow",
                Duration.ofSeconds(40), faults -> {
                    faults.pauseBetween(4, 6);
                    int node = 1 + faults.random().nextInt(ClusterControl.NODES);
                    faults.log(ClusterControl.nodeName(node) + " is lost for good; replacing it with a new node");
                    faults.infra().cluster().replaceNode(node);
                    faults.cleared("replacement of " + ClusterControl.nodeName(node));
                    awaitFullMembership(faults);
                });
    }

    static Scenario dbFailover() {
        return new PlannedScenario("db-failover", "PostgreSQL primary killed, standby promoted, old primary rejoins",
                Duration.ofSeconds(30), faults -> {
                    faults.pauseBetween(4, 6);
                    faults.log("kill -9 the database primary");
                    faults.infra().cluster().killPrimary();
                    faults.pauseBetween(1, 2);
                    faults.log("promoting the standby");
                    faults.infra().cluster().failover();
                    faults.cleared("primary lost, standby promoted");
                    faults.pauseBetween(5, 8);
                    faults.log("the old primary rejoins as a synchronous standby (pg_rewind)");
                    faults.infra().cluster().rejoin();
                    faults.cleared("old primary rejoined");
                });
    }

    static Scenario standbyLost() {
        return new PlannedScenario("standby-lost", "the synchronous standby killed: commits wait until released",
                Duration.ofSeconds(25), faults -> {
                    faults.pauseBetween(4, 6);
                    faults.log("kill -9 the synchronous standby: every commit now waits for it");
                    faults.infra().cluster().killStandby();
                    Pause.seconds(STANDBY_LOST_SECONDS);
                    faults.log("letting the primary commit without its standby");
                    faults.infra().cluster().standbyLost();
                    faults.cleared("standby lost, primary commits alone");
                    faults.pauseBetween(4, 6);
                    faults.log("the standby rejoins");
                    faults.infra().cluster().rejoin();
                    faults.cleared("standby rejoined");
                });
    }

    /** The node leading the queues that delivered the most so far; node 1 when none delivered yet. */
    private static int busiestLeader(FaultContext faults) {
        String leader = faults.broker().leaderOfTheBusiestQueues().orElse(ClusterControl.nodeName(1));
        for (int node = 1; node <= ClusterControl.NODES; node++) {
            if (ClusterControl.nodeName(node).equals(leader)) {
                return node;
            }
        }
        throw new IllegalStateException("the busiest queues' leader " + leader + " is none of the cluster's nodes");
    }

    /** Every quorum queue of the run has all its members online again, or the fault plan fails. */
    private static void awaitFullMembership(FaultContext faults) {
        Instant deadline = Instant.now().plus(FULL_MEMBERSHIP_WITHIN);
        Map<String, Integer> below = Map.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                below = faults.broker().quorumQueuesBelow(ClusterControl.NODES);
                if (below.isEmpty()) {
                    faults.log("every quorum queue has " + ClusterControl.NODES + " members online");
                    return;
                }
            } catch (RuntimeException e) {
                below = Map.of("(the management API)", 0);
            }
            Pause.seconds(1);
        }
        throw new IllegalStateException("quorum queues below " + ClusterControl.NODES + " members online after "
                + FULL_MEMBERSHIP_WITHIN.toSeconds() + " s: " + below);
    }
}
