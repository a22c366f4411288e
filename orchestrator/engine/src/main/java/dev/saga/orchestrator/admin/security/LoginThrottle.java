package dev.saga.orchestrator.admin.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The failed logins of each (user name, client address) pair in its current window. The window opens at a pair's
 * first failure; once it holds {@code maxFailures} failures the pair is refused until the window closes. Pairs,
 * not names, so that someone guessing the operator's password elsewhere does not lock the operator out; a
 * correct login clears its pair.
 *
 * <p>The table is kept in the order the windows opened, so closed windows are dropped from its head, and when it
 * is full the oldest window goes first. One lock: each call is a map operation or two.
 */
final class LoginThrottle {

    /** User names longer than this count as one: the table holds what it is given, and a header may be 8 KB. */
    static final int NAME_KEPT = 64;

    /** Whose failures count together. */
    record Pair(String username, String address) {

        static Pair of(String username, String address) {
            String name = username == null ? "" : username;
            return new Pair(name.length() > NAME_KEPT ? name.substring(0, NAME_KEPT) : name,
                    address == null ? "unknown" : address);
        }
    }

    /** A pair refused until {@code until}; {@code retryAfterSeconds} rounds the wait up to whole seconds. */
    record Refusal(Instant until, long retryAfterSeconds) {
    }

    private static final class Window {
        private final Instant opened;
        private int failures;

        Window(Instant opened) {
            this.opened = opened;
        }
    }

    private final int maxFailures;
    private final Duration window;
    private final int maxTracked;
    private final Clock clock;
    private final Map<Pair, Window> windows = new LinkedHashMap<>();

    LoginThrottle(LoginThrottleSettings settings, Clock clock) {
        this.maxFailures = settings.maxFailures();
        this.window = settings.window();
        this.maxTracked = settings.maxTracked();
        this.clock = clock;
    }

    /** Whether the pair is refused now, and until when. */
    synchronized Optional<Refusal> refusal(Pair pair) {
        Instant now = clock.instant();
        forgetClosedWindows(now);
        Window current = windows.get(pair);
        if (current == null || current.failures < maxFailures) {
            return Optional.empty();
        }
        Instant until = current.opened.plus(window);
        long millis = Duration.between(now, until).toMillis();
        return Optional.of(new Refusal(until, Math.max(1, (millis + 999) / 1000)));
    }

    synchronized void failed(Pair pair) {
        Instant now = clock.instant();
        forgetClosedWindows(now);
        Window current = windows.get(pair);
        if (current == null) {
            if (windows.size() >= maxTracked) {
                Iterator<Window> oldest = windows.values().iterator();
                oldest.next();
                oldest.remove();
            }
            current = new Window(now);
            windows.put(pair, current);
        }
        current.failures++;
    }

    synchronized void succeeded(Pair pair) {
        windows.remove(pair);
    }

    /** How many pairs the table holds. */
    synchronized int tracked() {
        return windows.size();
    }

    private void forgetClosedWindows(Instant now) {
        Iterator<Window> oldestFirst = windows.values().iterator();
        while (oldestFirst.hasNext() && !now.isBefore(oldestFirst.next().opened.plus(window))) {
            oldestFirst.remove();
        }
    }
}
