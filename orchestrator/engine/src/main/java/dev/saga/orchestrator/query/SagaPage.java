package dev.saga.orchestrator.query;

import java.util.List;

/** A page of sagas: the items, and where the page is in the whole list. */
public record SagaPage(List<SagaSummary> items, PageInfo page) {

    /** Page {@code number} (from 0) of {@code totalPages}, {@code size} items each, {@code totalItems} in all. */
    public record PageInfo(int number, int size, long totalItems, long totalPages, String sort) {
    }
}
