package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.messaging.MessagingSchema;
import dev.saga.messaging.testing.RealServices;
import dev.saga.testbed.SystemTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database roles of {@code infra/postgres/service-roles.sql}, applied to a fresh database as the setup
 * scripts apply them, with every service's migrations run as the role its own configuration names: each role
 * owns its schema, and another service's tables and schema are closed to it.
 */
class DatabaseRolesSystemIT {

    private static final Properties STARTER_DEFAULTS = starterDefaults();

    /** Each service's base configuration, where its role, schema and migrations are named. */
    private static final List<String> CONFIGURATIONS = SystemTopology.services().stream()
            .map(service -> service.configuration()).toList();
    private static final String PERMISSION_DENIED = "42501";

    private static Map<String, String> services;
    private static JdbcTemplate admin;
    private static List<Service> all;

    /** One service as its configuration describes it. */
    private record Service(String role, String schema, String locations) {
    }

    @BeforeAll
    static void migrateEveryServiceAsItsRole() throws IOException {
        services = RealServices.isolated();
        RealServices.release(services);
        admin = new JdbcTemplate(dataSource(null, null));
        admin.execute(Files.readString(Path.of("../postgres/service-roles.sql")));
        all = CONFIGURATIONS.stream().map(DatabaseRolesSystemIT::configured).toList();
        for (Service service : all) {
            PGSimpleDataSource asRole = dataSource(service.role(), service.schema());
            Flyway.configure().dataSource(asRole).schemas(service.schema())
                    .locations(service.locations().split(",")).load().migrate();
            new MessagingSchema(asRole, service.schema()).afterPropertiesSet();
        }
    }

    @Test
    void everyServiceRoleOwnsItsSchemaAndEveryTableInIt() {
        assertThat(all).extracting(Service::role).containsExactlyInAnyOrderElementsOf(SystemTopology.services()
                .stream().map(service -> service.databaseRole()).toList());
        for (Service service : all) {
            assertThat(admin.queryForObject("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = ?",
                    String.class, service.schema())).as(service.schema()).isEqualTo(service.role());
            assertThat(admin.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = ? AND tableowner <> ?",
                    String.class, service.schema(), service.role())).as(service.schema()).isEmpty();
            assertThat(admin.queryForObject("SELECT rolcanlogin AND NOT rolsuper FROM pg_roles WHERE rolname = ?",
                    Boolean.class, service.role())).as(service.role()).isTrue();
            assertThat(admin.queryForObject("SELECT has_database_privilege(?, current_database(), 'CONNECT')",
                    Boolean.class, service.role())).as(service.role()).isTrue();
        }
    }

    @Test
    void aRoleReadsAndWritesItsOwnTables() {
        JdbcTemplate inventory = as("saga_inventory");

        assertThat(inventory.queryForObject("SELECT count(*) FROM inventory.stock", Integer.class)).isPositive();
        assertThat(inventory.update("UPDATE inventory.stock SET warehouse_status = warehouse_status")).isPositive();
    }

    @Test
    void inventoryCannotReadPaymentsAccounts() {
        assertThatThrownBy(() -> as("saga_inventory").queryForList("SELECT * FROM payment.account"))
                .satisfies(refused -> assertThat(sqlState(refused)).isEqualTo(PERMISSION_DENIED));
    }

    @Test
    void noRoleReadsAnyTableOfAnotherService() {
        for (Service service : all) {
            JdbcTemplate asRole = as(service.role());
            for (Service other : all) {
                if (other == service) {
                    continue;
                }
                for (String table : admin.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = ?",
                        String.class, other.schema())) {
                    String select = "SELECT 1 FROM " + other.schema() + "." + table + " LIMIT 1";
                    assertThatThrownBy(() -> asRole.queryForList(select)).as(service.role() + ": " + select)
                            .satisfies(refused -> assertThat(sqlState(refused)).isEqualTo(PERMISSION_DENIED));
                }
            }
        }
    }

    @Test
    void aRoleCannotCreateInAnotherServicesSchemaNorInPublic() {
        JdbcTemplate inventory = as("saga_inventory");

        for (String schema : List.of("payment", "orchestrator", "public")) {
            assertThatThrownBy(() -> inventory.execute("CREATE TABLE " + schema + ".planted (id int)")).as(schema)
                    .satisfies(refused -> assertThat(sqlState(refused)).isEqualTo(PERMISSION_DENIED));
        }
        assertThatThrownBy(() -> inventory.execute("CREATE SCHEMA planted"))
                .satisfies(refused -> assertThat(sqlState(refused)).isEqualTo(PERMISSION_DENIED));
    }

    @Test
    void applyingTheRolesAgainChangesNothing() throws IOException {
        admin.execute(Files.readString(Path.of("../postgres/service-roles.sql")));

        everyServiceRoleOwnsItsSchemaAndEveryTableInIt();
        aRoleReadsAndWritesItsOwnTables();
    }

    /** As Spring reads it: the service's own file, over the defaults of the orchestrator starter where it has one. */
    private static Service configured(String file) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(file));
        Properties properties = yaml.getObject();
        return new Service(properties.getProperty("spring.datasource.username"),
                properties.getProperty("spring.flyway.schemas"), properties.getProperty("spring.flyway.locations",
                        STARTER_DEFAULTS.getProperty("spring.flyway.locations")));
    }

    private static Properties starterDefaults() {
        try {
            return PropertiesLoaderUtils.loadProperties(new ClassPathResource("saga-orchestrator.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test's connections as that role: the privileges it has when it logs in as the service. */
    private static JdbcTemplate as(String role) {
        return new JdbcTemplate(dataSource(role, null));
    }

    /**
     * Logs in as the test's administrator and takes on {@code role} at once ({@code SET ROLE} as a start-up
     * option): from then on only the role's privileges count, and this works whatever authentication the server
     * asks of the role itself.
     */
    private static PGSimpleDataSource dataSource(String role, String schema) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(services.get("saga.database.url"));
        dataSource.setUser(services.get("spring.datasource.username"));
        dataSource.setPassword(services.get("spring.datasource.password"));
        if (role != null) {
            dataSource.setOptions("-c role=" + role);
        }
        if (schema != null) {
            dataSource.setCurrentSchema(schema);
        }
        return dataSource;
    }

    private static String sqlState(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("an SQL error: " + failure).isNotNull();
        return ((SQLException) cause).getSQLState();
    }
}
