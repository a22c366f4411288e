package dev.saga.participant.notification;

import dev.saga.contract.saga.SagaFinished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records a notification per finished saga; runs inside the kit's transaction, so once per event. */
@Component
class Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final JdbcTemplate jdbc;

    Notifications(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(SagaFinished event) {
        String message = NotificationText.of(event);
        jdbc.update("""
                INSERT INTO notification (saga_id, saga_type, business_key, outcome, message)
                VALUES (?, ?, ?, ?, ?)""",
                event.sagaId(), event.sagaType(), event.businessKey(), NotificationText.outcomeOf(event), message);
        LOG.info("Notified saga {}: {}", event.sagaId(), message);
    }
}
