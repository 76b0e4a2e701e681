package dev.peerget.repo.rpm;

import dev.peerget.repo.MetadataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses dnf/yum {@code .repo} files: INI sections named by repo id, {@code key=value} (or {@code key: value})
 * lines, continuation lines starting with white space, {@code #}/{@code ;} comments (libdnf's ConfigParser,
 * Python's configparser before it). {@code $var} and {@code ${var}} in values are replaced from the map the
 * caller gives ({@code releasever}, {@code basearch}, {@code arch}, plus {@code /etc/dnf/vars}); unknown
 * variables are left as written, as dnf does. A {@code [main]} section is not a repository and is ignored.
 * Stateless and thread-safe.
 */
public final class YumRepoConfigParser {
    private YumRepoConfigParser() {
    }

    /**
     * Parses one file.
     *
     * @throws MetadataException naming {@code sourceName:line} for syntax errors, bad values, duplicate sections
     *                           and repositories without any URL
     */
    public static List<YumRepoConfig> parse(InputStream in, String sourceName, Map<String, String> vars) {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        String lastKey = null;
        long lineNo = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
                    // Continuation line: appended with a newline, as configparser does (baseurl lists).
                    current.values.merge(lastKey, trimmed, (a, b) -> a + "\n" + b);
                    continue;
                }
                if (trimmed.startsWith("[")) {
                    if (!trimmed.endsWith("]") || trimmed.length() < 3) {
                        throw MetadataException.at(sourceName, lineNo, "bad section header '" + trimmed + "'");
                    }
                    String id = trimmed.substring(1, trimmed.length() - 1).strip();
                    for (Section s : sections) {
                        if (s.id.equals(id)) {
                            throw MetadataException.at(sourceName, lineNo,
                                    "repo '" + id + "' already defined at line " + s.line);
                        }
                    }
                    current = new Section(id, lineNo);
                    sections.add(current);
                    lastKey = null;
                    continue;
                }
                int eq = separator(trimmed);
                if (eq <= 0) {
                    throw MetadataException.at(sourceName, lineNo, "expected key=value but found '" + trimmed + "'");
                }
                if (current == null) {
                    throw MetadataException.at(sourceName, lineNo, "key '" + trimmed.substring(0, eq).strip()
                            + "' outside any [section]");
                }
                lastKey = trimmed.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                current.values.put(lastKey, trimmed.substring(eq + 1).strip());
                current.lines.put(lastKey, lineNo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(sourceName + ": " + e.getMessage(), e);
        }
        List<YumRepoConfig> out = new ArrayList<>();
        for (Section s : sections) {
            if (!s.id.equals("main")) {
                out.add(new RepoSectionReader(s.id, s.line, s.values, s.lines, sourceName, vars).read());
            }
        }
        return out;
    }

    private static int separator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static final class Section {
        final String id;
        final long line;
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, Long> lines = new LinkedHashMap<>();

        Section(String id, long line) {
            this.id = id;
            this.line = line;
        }
    }
}
