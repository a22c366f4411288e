package com.acme.order;

/** Another team's record whose package also ends in {@code order}: its type name is {@code order.ApproveOrder}. */
public record ApproveOrder(String id) {
}
