package dev.saga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time per process from {@code /proc/<pid>/stat} (user + system ticks, 100 per second), so each window
 * reports how many cores each part of the system used. The broker and the database are shared with whatever
 * else runs on the machine; their figures are the whole processes', and the machine's total is recorded beside
 * them to show how busy everything else kept it.
 */
final class CpuSampler {

    static final String MACHINE = "machine (all processes)";
    private static final double TICKS_PER_SECOND = 100.0;

    /** Ticks per process at one moment, plus the machine's busy and total ticks. */
    record Sample(long nanos, Map<String, Map<Long, Long>> ticksByGroup, long machineBusy, long machineTotal) {
    }

    private final Map<String, GroupFinder> groups = new LinkedHashMap<>();

    /** Finds the pids of one group at sampling time (processes come and go, e.g. database backends). */
    interface GroupFinder {
        Collection<Long> pids();
    }

    void track(String group, GroupFinder finder) {
        groups.put(group, finder);
    }

    Sample sample() {
        Map<String, Map<Long, Long>> ticks = new LinkedHashMap<>();
        groups.forEach((group, finder) -> {
            Map<Long, Long> byPid = new HashMap<>();
            for (long pid : finder.pids()) {
                long t = ticksOf(pid);
                if (t >= 0) {
                    byPid.put(pid, t);
                }
            }
            ticks.put(group, byPid);
        });
        long[] machine = machineTicks();
        return new Sample(System.nanoTime(), ticks, machine[0], machine[1]);
    }

    /** Cores used per group between the two samples; a process born in between counts from zero. */
    static Map<String, Double> coresBetween(Sample from, Sample to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        to.ticksByGroup().forEach((group, end) -> {
            Map<Long, Long> start = from.ticksByGroup().getOrDefault(group, Map.of());
            long used = 0;
            for (Map.Entry<Long, Long> e : end.entrySet()) {
                used += Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L));
            }
            cores.put(group, used / TICKS_PER_SECOND / seconds);
        });
        long total = to.machineTotal() - from.machineTotal();
        cores.put(MACHINE, total == 0 ? 0
                : (double) (to.machineBusy() - from.machineBusy()) / total
                        * Runtime.getRuntime().availableProcessors());
        return cores;
    }

    static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The parent pid of a process, or -1. */
    static long parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The process and every direct child of it (PostgreSQL's backends and helpers are children). */
    static List<Long> withChildren(long parent) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            List<Long> pids = new ArrayList<>(List.of(parent));
            entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> parentOf(pid) == parent).forEach(pids::add);
            return pids;
        } catch (IOException e) {
            return List.of(parent);
        }
    }

    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            long total = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long value = Long.parseLong(cpu[i]);
                total += value;
                if (i != 4 && i != 5) {
                    busy += value;
                }
            }
            return new long[] {busy, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
