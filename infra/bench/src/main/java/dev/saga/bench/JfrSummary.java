package dev.saga.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top of a flight recording: where the CPU samples' top frames are (hot methods), which library they are
 * in, the first frame of our own code under each sample (what of ours causes the work), and where memory is
 * allocated, weighted by the sampled bytes. JDK 17 has no {@code jfr view}, so the recording is read here.
 */
final class JfrSummary {

    /** Shares in percent of all samples (or all sampled bytes), largest first. */
    record Summary(long cpuSamples, Map<String, Double> hotMethods, Map<String, Double> byLibrary,
                   Map<String, Double> byOwnFrame, Map<String, Double> allocationSites,
                   Map<String, Double> allocatedTypes) {
    }

    private static final int TOP = 15;

    private JfrSummary() {
    }

    static Summary of(Path recording) {
        Map<String, Long> hot = new HashMap<>();
        Map<String, Long> library = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        Map<String, Long> sites = new HashMap<>();
        Map<String, Long> types = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                if (type.equals("jdk.ExecutionSample")) {
                    samples++;
                    RecordedFrame top = stack.getFrames().get(0);
                    hot.merge(name(top), 1L, Long::sum);
                    library.merge(library(top), 1L, Long::sum);
                    own.merge(firstOwnFrame(stack.getFrames()), 1L, Long::sum);
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    long weight = event.getLong("weight");
                    sites.merge(firstInterestingFrame(stack.getFrames()), weight, Long::sum);
                    types.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + recording, e);
        }
        return new Summary(samples, top(hot), top(library), top(own), top(sites), top(types));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** A package prefix that names the library: {@code org.postgresql}, {@code com.fasterxml.jackson}, ... */
    private static String library(RecordedFrame frame) {
        String[] parts = frame.getMethod().getType().getName().split("\\.");
        if (parts.length <= 2) {
            return String.join(".", parts);
        }
        String prefix = parts[0] + "." + parts[1];
        if (prefix.equals("java.util") || prefix.equals("java.lang") || prefix.equals("jdk.internal")
                || prefix.startsWith("org.spring") || prefix.equals("com.fasterxml") || prefix.equals("dev.saga")
                || prefix.equals("sun.nio") || prefix.equals("java.io")) {
            return prefix + "." + parts[2];
        }
        return prefix;
    }

    private static String firstOwnFrame(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (frame.getMethod().getType().getName().startsWith("dev.saga.")) {
                return name(frame);
            }
        }
        return "(no frame of ours: " + threadKind(frames) + ")";
    }

    /** The first frame outside the JDK's own collections and strings: the code that asked for the memory. */
    private static String firstInterestingFrame(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return name(frame);
            }
        }
        return name(frames.get(0));
    }

    private static String threadKind(List<RecordedFrame> frames) {
        return library(frames.get(frames.size() - 1));
    }

    private static Map<String, Double> top(Map<String, Long> counts) {
        double total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP).forEach(e -> top.put(e.getKey(), Math.round(1000.0 * e.getValue() / total) / 10.0));
        return top;
    }
}
