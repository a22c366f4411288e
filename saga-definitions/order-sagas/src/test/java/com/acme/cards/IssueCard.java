package com.acme.cards;

import dev.saga.contract.MessageVersion;
import dev.saga.contract.schema.Upcaster;
import java.util.UUID;

/** A second version whose upcaster a scan finds beside the record. */
@MessageVersion(2)
public record IssueCard(UUID cardId, String holder, String network) {

    public static final Upcaster FROM_V1 = Upcaster.from(IssueCard.class, 1,
            json -> json.has("network") ? json : json.put("network", "VISA"));
}
