package dev.saga.chaos;

import java.util.List;

/**
 * The single faults the scenarios and the monkey are made of. Each undoes itself before it returns (and
 * registers its undo with the restorer while it lasts) and tells the context when it cleared.
 */
final class Faults {

    private Faults() {
    }

    /** kill -9, a pause, start again and wait until healthy. */
    static void killAndRestart(FaultContext faults, ServiceProcess service, double minDown, double maxDown) {
        faults.log("kill -9 " + service.name());
        service.kill();
        faults.pauseBetween(minDown, maxDown);
        faults.log("restarting " + service.name());
        faults.fleet().restart(service);
        faults.cleared("kill -9 " + service.name());
    }

    static void brokerRestart(FaultContext faults, double minDown, double maxDown) {
        faults.log("rabbitmqctl stop_app");
        faults.infra().brokerStopApp();
        faults.pauseBetween(minDown, maxDown);
        faults.log("rabbitmqctl start_app");
        faults.infra().brokerStartApp();
        faults.cleared("broker stop_app/start_app");
    }

    static void closeAllConnections(FaultContext faults) {
        faults.log("rabbitmqctl close_all_connections");
        faults.infra().brokerCloseAllConnections();
        faults.cleared("all broker connections closed");
    }

    static void databaseRestart(FaultContext faults) {
        faults.log("pg_ctlcluster restart (fast)");
        faults.infra().databaseRestart();
        faults.cleared("database restart");
    }

    /** Cuts the participant off the broker through its proxy, waits, heals. */
    static void networkCut(FaultContext faults, String participant, double seconds) {
        TcpProxy proxy = faults.fleet().proxy(participant);
        faults.log(String.format("cutting %s off the broker for %.0f s", participant, seconds));
        proxy.cut();
        Pause.seconds(seconds);
        proxy.heal();
        faults.cleared("network cut of " + participant);
    }

    /** Runs the participant with extra (fault) settings for a while, then the regular instance again. */
    static void withVariant(FaultContext faults, String participant, String label, List<String> settings,
                            double seconds) {
        faults.log("starting a " + label + " " + participant + " " + settings + " in place of the regular one");
        ServiceProcess variant = faults.fleet().replaceWithVariant(participant, label, settings);
        // Interrupted, only the variant needs stopping; after a scenario the restorer restarts the regular one.
        faults.restorer().onRestore("stop the " + label + " " + participant, variant::stop);
        faults.log(String.format("%s %s is the only one for %.0f s", label, participant, seconds));
        Pause.seconds(seconds);
        faults.log("regular " + participant + " back, stopping the " + label + " one");
        faults.fleet().restoreFrom(participant, variant);
        faults.cleared(label + " " + participant);
    }

    static void duplicateCommands(FaultContext faults, double seconds) {
        DuplicatingRelay relay = faults.startDuplicating();
        faults.log(String.format("every command delivered twice for %.0f s", seconds));
        Pause.seconds(seconds);
        relay.close();
        faults.cleared("duplicated commands (" + relay.duplicated() + " duplicates)");
    }
}
