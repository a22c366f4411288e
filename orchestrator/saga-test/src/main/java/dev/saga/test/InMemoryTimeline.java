package dev.saga.test;

import dev.saga.orchestrator.engine.TimelineLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Every saga's timeline as a list, each line dated by the virtual clock. */
final class InMemoryTimeline implements TimelineLog {

    private record Line(UUID sagaId, Entry entry) {
    }

    private final Clock clock;
    private final List<Line> lines = new ArrayList<>();

    InMemoryTimeline(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void record(UUID sagaId, Kind kind, String step, Integer attempt, UUID messageId, String messageType,
                       String detail) {
        lines.add(new Line(sagaId, new Entry(lines.size() + 1, clock.instant(), kind, step, attempt, messageId,
                messageType, detail)));
    }

    @Override
    public List<Entry> of(UUID sagaId) {
        return lines.stream().filter(line -> line.sagaId().equals(sagaId)).map(Line::entry).toList();
    }

    int size() {
        return lines.size();
    }

    /** Forgets what a move that failed recorded, as its rolled-back transaction would. */
    void truncate(int size) {
        lines.subList(size, lines.size()).clear();
    }
}
