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
    public static final AptPreferences NONE = new AptPreferences(List.of(), List.of());

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
    private final List<String> warnings;

    private AptPreferences(List<Record> records, List<String> warnings) {
        this.records = List.copyOf(records);
        this.warnings = List.copyOf(warnings);
    }

    /** Whether there are no records. */
    public boolean isEmpty() {
        return records.isEmpty();
    }

    /**
     * Parses preference files in apt's order; each entry's text is named by its source (a path) in errors and
     * {@link #warnings()}. As apt 2.6's ReadPinFile: a record without {@code Pin} is skipped silently, one with a
     * pin type apt does not know (or {@code Pin: version} for {@code Package: *}) is skipped with a warning.
     *
     * @throws MetadataException naming the file and line of a record apt refuses (no {@code Package}, a
     *                           {@code Pin-Priority} missing, zero or outside apt's short range)
     */
    public static AptPreferences parse(Map<String, String> textsBySource) {
        List<Record> records = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (var file : textsBySource.entrySet()) {
            for (Stanza s : Deb822Reader.readAll(file.getValue(), file.getKey(), true)) {
                Record r = record(s, warnings);
                if (r != null) {
                    records.add(r);
                }
            }
        }
        return new AptPreferences(records, warnings);
    }

    /** The records apt skipped with a warning, one line each: apt's text, then the file and line. */
    public List<String> warnings() {
        return warnings;
    }

    /** One record, or null when apt skips it (adding to {@code warnings} when apt warns). */
    private static Record record(Stanza s, List<String> warnings) {
        String where = s.source() + ":" + s.line();
        String pkg = s.get("Package").map(String::strip).orElse("");
        if (pkg.isEmpty()) {
            throw new MetadataException("Invalid record in the preferences file " + where + ", no Package header",
                    "see apt_preferences(5) for the format");
        }
        String pin = s.get("Pin").map(String::strip).orElse("");
        if (pin.isEmpty()) {
            return null; // apt's ReadPinFile: "continue" without a word
        }
        int space = pin.indexOf(' ');
        String kind = space < 0 ? pin : pin.substring(0, space);
        String rest = space < 0 ? "" : pin.substring(space + 1).strip();
        Kind type = switch (kind.toLowerCase(Locale.ROOT)) {
            // apt matches a version pin only for records naming packages: Package: * with it is not understood.
            case "version" -> pkg.equals("*") ? null : Kind.VERSION;
            case "release" -> Kind.RELEASE;
            case "origin" -> Kind.ORIGIN;
            default -> null;
        };
        if (type == null) {
            warnings.add("Did not understand pin type " + kind + " (" + where + ")");
            return null;
        }
        int value = priority(s.get("Pin-Priority").map(String::strip).orElse(""), where);
        List<Predicate<String>> packages = new ArrayList<>();
        if (!pkg.equals("*")) {
            for (String name : pkg.split("\\s+")) {
                packages.add(pattern(name, where));
            }
        }
        return switch (type) {
            case RELEASE -> new Record(packages, type, release(rest, where), null, value);
            case VERSION -> new Record(packages, type, Map.of(), pattern(rest, where), value);
            case ORIGIN -> new Record(packages, type, Map.of(), pattern(unquote(rest), where), value);
        };
    }

    /**
     * Pin-Priority as apt 2.6 reads it (pkgTagSection::FindI, strtol): the leading integer, so {@code 5x} is 5;
     * none, or 0, is an error for apt-get and apt-cache alike ("E: No priority (or zero) specified for pin"),
     * and so is a value outside a short.
     */
    private static int priority(String text, String where) {
        var m = Pattern.compile("^[+-]?[0-9]+").matcher(text);
        long value = 0;
        if (m.find()) {
            try {
                value = Long.parseLong(m.group());
            } catch (NumberFormatException e) {
                value = Long.MAX_VALUE; // more digits than a long: outside the range below
            }
        }
        if (value == 0) {
            throw new MetadataException("No priority (or zero) specified for pin (" + where + ")",
                    "give the record a Pin-Priority other than 0, e.g. Pin-Priority: 990");
        }
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new MetadataException(where + ": Value " + text + " is outside the range of valid pin priorities ("
                    + Short.MIN_VALUE + " to " + Short.MAX_VALUE + ")", "see apt_preferences(5)");
        }
        return (int) value;
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
