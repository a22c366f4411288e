package com.acme.loans;

/** Not public: not part of the contract. */
record InternalNote(String text) {
}
