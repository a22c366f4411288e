package dev.saga.orchestrator.admin;

/** No saga of the type has the business key. */
class SagaNotFoundByKeyException extends RuntimeException {

    SagaNotFoundByKeyException(String type, String businessKey) {
        super("No " + type + " saga for business key " + businessKey);
    }
}
