package dev.saga.participant.inventory;

/** Why a command cannot be carried out, naming the SKU at fault; becomes a failure reply. */
record Refusal(String sku, String reason) {
}
