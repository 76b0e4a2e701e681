package dev.peerget.repo.deb;

import dev.peerget.repo.Globs;
import dev.peerget.repo.MetadataException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * apt_preferences(5): the pin records of {@code /etc/apt/preferences} and {@code /etc/apt/preferences.d/*}, in
 * the order apt reads them. A record has {@code Package} (names, wildcards or {@code /regex/}; {@code *} for
 * every package), {@code Pin} ({@code release} with {@code a=} archive/suite, {@code n=} codename, {@code o=}
 * origin, {@code l=} label, {@code v=} the Release's Version, {@code c=} component, {@code b=} architecture;
 * {@code version}; {@code origin} host) and {@code Pin-Priority}; {@code Explanation} fields and {@code #} lines
 * are comments.
 *
 * <p>A version's priority, as apt computes it: the first record naming packages (not {@code *}) that matches
 * it; failing that, the first of the {@code Package: *} records that matches it; failing that, none (the
 * repository's default). Every release field matches as apt 2.6 matches it: the whole value against a wildcard
 * pattern (or a {@code /regex/} found in it), so {@code v=12} does not match a Release of {@code Version: 12.5}
 * but {@code v=12*} does. Immutable, thread-safe.
 */
public final class AptPreferences {
    /** No records. */
    public static final AptPreferences NONE = new AptPreferences(List.of());

    /**
     * One available version, as a pin sees it.
     *
     * @param component the repository component the version is listed in ({@code main}), empty for flat ones
     * @param archive   the Release's Suite ({@code stable}, {@code bookworm-backports})
     * @param host      the host of the repository's URI, empty for {@code file:} repositories
     * @param releaseVersion the Release's Version ({@code 12.5}), empty when it has none
     */
    public record Target(String name, String version, String arch, String component, String archive,
                         String codename, String origin, String label, String host, String releaseVersion) {}

    private enum Kind { RELEASE, VERSION, ORIGIN }

    private record Record(List<Predicate<String>> packages, Kind kind, Map<Character, Predicate<String>> release,
                          Predicate<String> value, int priority) {
        boolean generic() {
            return packages.isEmpty();
        }
    }

    private final List<Record> records;

    private AptPreferences(List<Record> records) {
        this.records = List.copyOf(records);
    }

    /** Whether there are no records. */
    public boolean isEmpty() {
        return records.isEmpty();
    }

    /**
     * Parses preference files in apt's order; each entry's text is named by its source (a path) in errors.
     *
     * @throws MetadataException naming the file and line of a record apt would refuse
     */
    public static AptPreferences parse(Map<String, String> textsBySource) {
        List<Record> records = new ArrayList<>();
        for (var file : textsBySource.entrySet()) {
            for (Stanza s : Deb822Reader.readAll(file.getValue(), file.getKey(), true)) {
                records.add(record(s));
            }
        }
        return new AptPreferences(records);
    }

    private static Record record(Stanza s) {
        String where = s.source() + ":" + s.line();
        String pkg = s.get("Package").map(String::strip).orElse("");
        String pin = s.get("Pin").map(String::strip).orElse("");
        String priority = s.get("Pin-Priority").map(String::strip).orElse("");
        if (pkg.isEmpty() || pin.isEmpty()) {
            throw new MetadataException("invalid record in the preferences file " + where + ": it needs Package: "
                    + "and Pin:", "see apt_preferences(5) for the format");
        }
        int value;
        try {
            value = Integer.parseInt(priority);
        } catch (NumberFormatException e) {
            throw new MetadataException("no valid Pin-Priority in the preferences record " + where + " ('"
                    + priority + "')", "give an integer, e.g. Pin-Priority: 990");
        }
        List<Predicate<String>> packages = new ArrayList<>();
        if (!pkg.equals("*")) {
            for (String name : pkg.split("\\s+")) {
                packages.add(pattern(name, where));
            }
        }
        int space = pin.indexOf(' ');
        String kind = (space < 0 ? pin : pin.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : pin.substring(space + 1).strip();
        return switch (kind) {
            case "release" -> new Record(packages, Kind.RELEASE, release(rest, where), null, value);
            case "version" -> new Record(packages, Kind.VERSION, Map.of(), pattern(rest, where), value);
            case "origin" -> new Record(packages, Kind.ORIGIN, Map.of(), pattern(unquote(rest), where), value);
            default -> throw new MetadataException("unknown pin type '" + kind + "' in the preferences record "
                    + where, "use Pin: release …, Pin: version … or Pin: origin …");
        };
    }

    /** {@code a=stable, n=bookworm, c=main}; a bare value is the archive ({@code Pin: release stable}). */
    private static Map<Character, Predicate<String>> release(String text, String where) {
        Map<Character, Predicate<String>> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                out.put('a', pattern(p, where));
            } else if (eq == 1 && "anvolcb".indexOf(p.charAt(0)) >= 0) {
                out.put(p.charAt(0), pattern(unquote(p.substring(2).strip()), where));
            } else {
                throw new MetadataException("unknown release field '" + p + "' in the preferences record " + where,
                        "use a=, n=, v=, o=, l=, c= or b=");
            }
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /**
     * A name or wildcard pattern (matching the whole value), or {@code /regex/} (found anywhere in it, as
     * regexec does): apt's two kinds of pattern.
     */
    private static Predicate<String> pattern(String text, String where) {
        if (text.length() >= 2 && text.startsWith("/") && text.endsWith("/")) {
            try {
                Pattern regex = Pattern.compile(text.substring(1, text.length() - 1));
                return v -> regex.matcher(v).find();
            } catch (PatternSyntaxException e) {
                throw new MetadataException("bad regular expression " + text + " in the preferences record "
                        + where + ": " + e.getDescription(), "see apt_preferences(5)");
            }
        }
        Pattern glob = Globs.fnmatch(text);
        return v -> glob.matcher(v).matches();
    }

    /** Whether a record names packages (not {@code *}): only then has {@code apt-cache policy} pinned packages. */
    public boolean pinsPackages() {
        return records.stream().anyMatch(r -> !r.generic());
    }

    /** The highest Pin-Priority of any record, or empty when there are none. */
    public OptionalInt highestPriority() {
        return records.stream().mapToInt(Record::priority).max();
    }

    /**
     * The priority the first record naming packages gives a version that {@code sources} (one target per
     * Packages index listing it) describe, or empty when none matches: apt's pin of the version itself
     * ({@code pkgPolicy::GetPriority(Ver, false)}, what {@code apt-cache policy} lists under "Pinned packages"),
     * which a release pin gives when any one of the version's indexes matches.
     */
    public OptionalInt packagePriority(List<Target> sources) {
        for (Record r : records) {
            if (r.generic()) {
                continue;
            }
            for (Target t : sources) {
                if (r.packages().stream().anyMatch(p -> p.test(t.name())) && matches(r, t)) {
                    return OptionalInt.of(r.priority());
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The pin priority of {@code t}, or empty when no record applies (the repository's default then). */
    public OptionalInt priority(Target t) {
        OptionalInt generic = OptionalInt.empty();
        for (Record r : records) {
            if (r.generic()) {
                // The first Package: * record that matches fixes the index's priority (pkgPolicy::InitDefaults).
                if (generic.isEmpty() && matches(r, t)) {
                    generic = OptionalInt.of(r.priority());
                }
            } else if (r.packages().stream().anyMatch(p -> p.test(t.name())) && matches(r, t)) {
                return OptionalInt.of(r.priority());
            }
        }
        return generic;
    }

    private static boolean matches(Record r, Target t) {
        return switch (r.kind()) {
            case VERSION -> r.value().test(t.version());
            case ORIGIN -> r.value().test(t.host());
            case RELEASE -> r.release().entrySet().stream().allMatch(e -> {
                String field = switch (e.getKey()) {
                    case 'a' -> t.archive();
                    case 'n' -> t.codename();
                    case 'o' -> t.origin();
                    case 'l' -> t.label();
                    case 'c' -> t.component();
                    case 'b' -> t.arch();
                    case 'v' -> t.releaseVersion();
                    default -> throw new IllegalStateException("release field " + e.getKey());
                };
                // A Release without Version matches no v= pin, not even v=*: apt's File.Version() is NULL then.
                return !(e.getKey() == 'v' && field.isEmpty()) && e.getValue().test(field);
            });
        };
    }
}
