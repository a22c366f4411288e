package dev.saga.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown file as the docs test reads it: the {@code saga.*} names it mentions, its relative links, and the
 * anchors its headings get on GitHub.
 */
final class MarkdownDocument {

    /**
     * A {@code saga.} name on its own: not the tail of a package ({@code dev.saga.contract}) nor of an SQL column
     * ({@code saga.step_replies}); the possessive quantifier keeps {@code saga.x.Y} from matching as {@code saga.x}.
     */
    private static final Pattern SAGA_NAME = Pattern.compile("(?<![\\w.])saga\\.[a-z0-9.-]++(?![\\w])");
    /** {@code [text](target)} and {@code ![alt](target)}; the target ends at a space (a title) or the bracket. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern EXPLICIT_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");

    private final Path file;
    private final List<String> lines;

    private MarkdownDocument(Path file, String text) {
        this.file = file;
        this.lines = text.lines().toList();
    }

    static MarkdownDocument read(Path file) {
        try {
            return new MarkdownDocument(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static MarkdownDocument of(Path file, String text) {
        return new MarkdownDocument(file, text);
    }

    Path file() {
        return file;
    }

    /** Every {@code saga.} name, in code blocks too (a command line names properties as well), no trailing dot. */
    Set<String> sagaNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher matcher = SAGA_NAME.matcher(line);
            while (matcher.find()) {
                names.add(matcher.group().replaceAll("[.-]+$", ""));
            }
        }
        return names;
    }

    /** The targets of the links outside code blocks that stay in the repository: no scheme, no mail address. */
    List<String> relativeLinks() {
        List<String> links = new ArrayList<>();
        boolean inCode = false;
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                continue;
            }
            Matcher matcher = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (matcher.find()) {
                String target = matcher.group(1);
                if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    links.add(target);
                }
            }
        }
        return links;
    }

    /** The anchors GitHub gives the headings (lower case, punctuation dropped, spaces as dashes, repeats numbered). */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inCode = false;
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                continue;
            }
            Matcher explicit = EXPLICIT_ANCHOR.matcher(line);
            while (explicit.find()) {
                anchors.add(explicit.group(1));
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
