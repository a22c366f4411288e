package dev.saga.participant.kit;

import java.util.Arrays;
import java.util.List;

/** Whether two topic binding keys ({@code *} one word, {@code #} zero or more) can match one routing key. */
final class TopicPatterns {

    private TopicPatterns() {
    }

    static boolean overlap(String one, String other) {
        return overlap(words(one), words(other));
    }

    private static boolean overlap(List<String> one, List<String> other) {
        if (one.isEmpty() || other.isEmpty()) {
            return onlyHashes(one) && onlyHashes(other);
        }
        String first = one.get(0);
        String otherFirst = other.get(0);
        if (first.equals("#")) {
            return overlap(one.subList(1, one.size()), other) || overlap(one, other.subList(1, other.size()));
        }
        if (otherFirst.equals("#")) {
            return overlap(other, one);
        }
        boolean sameWord = first.equals("*") || otherFirst.equals("*") || first.equals(otherFirst);
        return sameWord && overlap(one.subList(1, one.size()), other.subList(1, other.size()));
    }

    private static boolean onlyHashes(List<String> words) {
        return words.stream().allMatch("#"::equals);
    }

    private static List<String> words(String key) {
        return key.isEmpty() ? List.of() : Arrays.asList(key.split("\\.", -1));
    }
}
