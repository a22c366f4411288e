package dev.saga.messaging;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates the outbox and inbox tables in the service's own schema. They have their own migration history,
 * so a service's migrations and the library's never compete for version numbers.
 */
public class MessagingSchema implements InitializingBean {

    private final DataSource dataSource;
    private final String schema;

    public MessagingSchema(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .table("messaging_schema_history")
                .locations("classpath:db/messaging")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
