package dev.saga.orchestrator.admin;

/** A request named a saga type that no loaded definition has. */
class UnknownSagaTypeException extends RuntimeException {

    UnknownSagaTypeException(String type) {
        super("No saga definition of type '" + type + "' is loaded");
    }
}
