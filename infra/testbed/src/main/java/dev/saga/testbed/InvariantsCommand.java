package dev.saga.testbed;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The design's invariants from the command line, for the demo: {@code baseline} records the seeded totals
 * before the first order, {@code check} waits (up to 30 s) until the sagas have settled, checks every
 * invariant against that baseline and prints what failed, with its evidence. Exits 1 when one failed.
 *
 * <pre>
 * InvariantsCommand baseline FILE JDBC-URL DB-USER
 * InvariantsCommand check FILE JDBC-URL DB-USER MANAGEMENT-URL VHOST BROKER-USER BROKER-PASSWORD
 * </pre>
 */
public final class InvariantsCommand {

    private static final Duration SETTLING = Duration.ofSeconds(30);
    private static final Pattern MESSAGES = Pattern.compile("\"messages\":(\\d+)");

    private InvariantsCommand() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        try (JdbcTables tables = new JdbcTables(args[2], args[3])) {
            if (args[0].equals("baseline")) {
                write(Baseline.of(tables), file);
                return;
            }
            List<Verdict> verdicts = check(tables, read(file), args[4], args[5], args[6], args[7]);
            List<Verdict> failed = DesignInvariants.failed(verdicts);
            failed.forEach(verdict -> System.out.println("  ✘ " + verdict.describe()));
            System.out.println(failed.isEmpty()
                    ? "design invariants (DESIGN.md §6): all " + verdicts.size() + " hold ✔"
                    : "design invariants (DESIGN.md §6): " + failed.size() + " of " + verdicts.size() + " failed ✘");
            System.exit(failed.isEmpty() ? 0 : 1);
        }
    }

    private static List<Verdict> check(Tables tables, Baseline baseline, String managementUrl, String vhost,
                                       String user, String password) throws InterruptedException {
        DesignInvariants invariants = new DesignInvariants(tables, baseline);
        Expectations expected = new Expectations();
        Instant deadline = Instant.now().plus(SETTLING);
        List<Verdict> settled = invariants.settled(expected);
        while (!DesignInvariants.failed(settled).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            settled = invariants.settled(expected);
        }
        List<Verdict> verdicts = new ArrayList<>(settled);
        verdicts.addAll(invariants.effects(expected));
        List<ParkingQueue> parking = new ArrayList<>();
        for (String queue : SystemTopology.parkingQueues()) {
            // A queue's statistics appear some seconds after it is declared; until then its depth is not known.
            OptionalLong depth = depth(managementUrl, vhost, queue, user, password);
            while (depth.isEmpty() && Instant.now().isBefore(deadline.plus(SETTLING))) {
                Thread.sleep(500);
                depth = depth(managementUrl, vhost, queue, user, password);
            }
            parking.add(ParkingQueue.ofDepth(queue, depth.orElseThrow(() -> new IllegalStateException(
                    "The broker gives no depth for " + queue))));
        }
        verdicts.addAll(invariants.parking(parking, expected));
        return verdicts;
    }

    /** Messages in the queue, as the broker's management API counts them; empty while it has no statistics. */
    private static OptionalLong depth(String managementUrl, String vhost, String queue, String user,
                                      String password) throws InterruptedException {
        String path = "/api/queues/" + encode(vhost) + "/" + encode(queue) + "?columns=messages";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(managementUrl + path)).header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            Matcher matcher = MESSAGES.matcher(response.body());
            return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the depth of " + queue, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void write(Baseline baseline, Path file) throws IOException {
        Properties properties = new Properties();
        baseline.stockPerSku().forEach((sku, units) -> properties.setProperty("stock." + sku, units.toString()));
        baseline.moneyPerAccount().forEach((account, cents) -> properties.setProperty("money." + account,
                cents.toString()));
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "seeded totals, before the first order");
        }
    }

    private static Baseline read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return new Baseline(section(properties, "stock."), section(properties, "money."));
    }

    private static Map<String, Long> section(Properties properties, String prefix) {
        Map<String, Long> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                values.put(key.substring(prefix.length()), Long.parseLong(properties.getProperty(key)));
            }
        }
        return values;
    }
}
