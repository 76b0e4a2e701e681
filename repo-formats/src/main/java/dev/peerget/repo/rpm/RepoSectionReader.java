package dev.peerget.repo.rpm;

import dev.peerget.repo.MetadataException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the raw key/value pairs of one .repo section into a {@link YumRepoConfig}. Not thread-safe; one use. */
final class RepoSectionReader {
    private final String id;
    private final long line;
    private final Map<String, String> values;
    private final Map<String, Long> lines;
    private final String src;
    private final Map<String, String> vars;

    RepoSectionReader(String id, long line, Map<String, String> values, Map<String, Long> lines, String src,
            Map<String, String> vars) {
        this.id = id;
        this.line = line;
        this.values = new LinkedHashMap<>(values);
        this.lines = lines;
        this.src = src;
        this.vars = vars;
    }

    YumRepoConfig read() {
        String name = take("name");
        List<String> baseUrls = urls(take("baseurl"));
        String mirrorlist = emptyToNull(take("mirrorlist"));
        String metalink = emptyToNull(take("metalink"));
        boolean enabled = bool("enabled", true);
        boolean gpgcheck = bool("gpgcheck", false);
        boolean repoGpgcheck = bool("repo_gpgcheck", false);
        List<String> gpgKeys = urls(take("gpgkey"));
        long expire = expire();
        int priority = (int) integer("priority", 99);
        int cost = (int) integer("cost", 1000);
        boolean skip = bool("skip_if_unavailable", false);
        Map<String, String> other = new LinkedHashMap<>();
        values.forEach((k, v) -> other.put(k, substitute(v)));
        if (baseUrls.isEmpty() && mirrorlist == null && metalink == null) {
            throw MetadataException.at(src, line, "repo '" + id + "' has neither baseurl nor mirrorlist nor metalink");
        }
        return new YumRepoConfig(id, name, baseUrls, mirrorlist, metalink, enabled, gpgcheck, repoGpgcheck, gpgKeys,
                expire, priority, cost, skip, src, line, other);
    }

    /** Removes and returns a substituted value, or null. */
    private String take(String key) {
        String v = values.remove(key);
        return v == null ? null : substitute(v);
    }

    private static String emptyToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** dnf splits URL lists on white space and commas (libdnf OptionStringList). */
    private static List<String> urls(String v) {
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String part : v.split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    private boolean bool(String key, boolean fallback) {
        Long at = lines.get(key);
        String v = take(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on" -> true;
            case "0", "no", "false", "off" -> false;
            default -> throw MetadataException.at(src, at, key + ": '" + v + "' is not a boolean (1/0, yes/no, true/false, on/off)");
        };
    }

    private long integer(String key, long fallback) {
        Long at = lines.get(key);
        String v = take(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw MetadataException.at(src, at, key + ": '" + v + "' is not a whole number");
        }
    }

    /** metadata_expire: seconds, or a number with s/m/h/d suffix, or never/-1 (dnf.conf(5)). */
    private long expire() {
        Long at = lines.get("metadata_expire");
        String v = take("metadata_expire");
        if (v == null || v.isBlank()) {
            return YumRepoConfig.DEFAULT_METADATA_EXPIRE;
        }
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (s.equals("never") || s.equals("-1")) {
            return -1;
        }
        long unit = 1;
        char last = s.charAt(s.length() - 1);
        switch (last) {
            case 's' -> unit = 1;
            case 'm' -> unit = 60;
            case 'h' -> unit = 3600;
            case 'd' -> unit = 86400;
            default -> last = 0;
        }
        String digits = last == 0 ? s : s.substring(0, s.length() - 1);
        try {
            long n = Long.parseLong(digits.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw MetadataException.at(src, at, "metadata_expire: '" + v + "' is not a duration (e.g. 3600, 90m, 6h, 2d, never)");
        }
    }

    /** Replaces {@code $name} and {@code ${name}}; names are letters, digits and underscores. */
    String substitute(String v) {
        if (v.indexOf('$') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c != '$' || i + 1 >= v.length()) {
                sb.append(c);
                i++;
                continue;
            }
            boolean braced = v.charAt(i + 1) == '{';
            int start = braced ? i + 2 : i + 1;
            int end = start;
            while (end < v.length() && (Character.isLetterOrDigit(v.charAt(end)) || v.charAt(end) == '_')) {
                end++;
            }
            String var = v.substring(start, end);
            boolean closed = !braced || (end < v.length() && v.charAt(end) == '}');
            String value = var.isEmpty() || !closed ? null : vars.get(var);
            if (value == null) {
                sb.append(c); // unknown or malformed: keep as written
                i++;
                continue;
            }
            sb.append(value);
            i = braced ? end + 1 : end;
        }
        return sb.toString();
    }
}
