package dev.saga.orchestrator.admin;

/** A request named a migration between definition versions that no one declared. */
class UnknownMigrationException extends RuntimeException {

    UnknownMigrationException(String type, int from, int to) {
        super("No migration of '" + type + "' from v" + from + " to v" + to + " is declared");
    }
}
