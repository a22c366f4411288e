package dev.saga.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.contract.Contracts;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.OrderLine;
import dev.saga.messaging.testing.RealServices;
import dev.saga.participant.kit.Participant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What the kit holds a participant to, and when it fails a test: a handler that repeats its work on every run is
 * still kept to one effect by the inbox, but one that writes outside the kit's transaction is caught.
 */
class ParticipantTestKitChecksIT {

    private static final String EFFECTS = "SELECT order_id FROM effect ORDER BY order_id";

    private static Map<String, String> services;
    private static DriverManagerDataSource dataSource;
    /** The same database through another data source: writes through it commit on their own. */
    private static JdbcTemplate elsewhere;

    @BeforeAll
    static void schema() {
        services = RealServices.isolated();
        String url = services.get("saga.database.url") + "?currentSchema=checks";
        String user = services.get("spring.datasource.username");
        String password = services.get("spring.datasource.password");
        dataSource = new DriverManagerDataSource(url, user, password);
        ParticipantTestKit.migrate(dataSource, "checks");
        new JdbcTemplate(dataSource).execute("CREATE TABLE effect (order_id uuid NOT NULL)");
        elsewhere = new JdbcTemplate(new DriverManagerDataSource(url, user, password));
    }

    @AfterAll
    static void release() {
        RealServices.release(services);
    }

    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final ReserveStock reserve = new ReserveStock(UUID.randomUUID(), List.of(new OrderLine("SKU-BOOK", 1)));

    @Test
    void aHandlerThatRepeatsItsWorkOnEveryRunStillTakesEffectOnceThroughTheInbox() {
        kit(inserting(jdbc)).deliver(reserve).expectReply(StockReserved.class).expectEffect()
                .deliverAgain().expectSameReply().expectNoFurtherEffect()
                .resend().expectSameReply().expectNoFurtherEffect();

        assertThat(effects()).isOne();
    }

    @Test
    void aHandlerWritingOutsideTheKitsTransactionFailsTheNoFurtherEffectCheck() {
        Delivery again = kit(inserting(elsewhere)).deliver(reserve).expectReply(StockReserved.class).expectEffect()
                .deliverAgain().expectSameReply();

        assertThatThrownBy(again::expectNoFurtherEffect).isInstanceOf(AssertionError.class)
                .hasMessageContaining("inventory.ReserveStock").hasMessageContaining("written outside it");
        assertThat(effects()).isEqualTo(2);
    }

    @Test
    void anotherReplyThanExpectedFailsNamingTheReplySent() {
        Delivery delivery = kit(inserting(jdbc)).deliver(reserve);

        assertThatThrownBy(() -> delivery.expectReply(StockUnavailable.class)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("StockReserved[orderId=" + reserve.orderId());
    }

    @Test
    void aWatchThatDoesNotSeeTheEffectFailsTheEffectCheck() {
        Delivery delivery = ParticipantTestKit.of(inserting(jdbc), dataSource, Contracts.ORDER_MESSAGES)
                .watching("SELECT count(*) FROM effect WHERE order_id IS NULL").deliver(reserve);

        assertThatThrownBy(delivery::expectEffect).isInstanceOf(AssertionError.class)
                .hasMessageContaining("changed nothing");
    }

    @Test
    void aFirstDeliveryHasNoStoredReplyToCompareWith() {
        Delivery delivery = kit(inserting(jdbc)).deliver(reserve);

        assertThatThrownBy(delivery::expectSameReply).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("deliverAgain()");
    }

    private ParticipantTestKit kit(Participant participant) {
        return ParticipantTestKit.of(participant, dataSource, Contracts.ORDER_MESSAGES).watching(EFFECTS);
    }

    /** An inventory that records one row per run of its handler, through {@code writer}. */
    private static Participant inserting(JdbcTemplate writer) {
        return Participant.named("inventory")
                .handles(ReserveStock.class, command -> {
                    writer.update("INSERT INTO effect (order_id) VALUES (?)", command.orderId());
                    return new StockReserved(command.orderId());
                })
                .build();
    }

    private Integer effects() {
        return jdbc.queryForObject("SELECT count(*) FROM effect WHERE order_id = ?", Integer.class,
                reserve.orderId());
    }
}
