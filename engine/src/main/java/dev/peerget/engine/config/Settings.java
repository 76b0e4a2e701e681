package dev.peerget.engine.config;

import dev.peerget.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * peerget's own settings, read from {@code peerget.conf}: {@code key = value} lines, {@code #} comments and an
 * optional {@code [main]} header (so the file looks like dnf.conf). A missing file means all defaults.
 * Immutable and thread-safe.
 */
public final class Settings {
    private final Map<Setting, String> values;
    private final List<String> warnings;

    private Settings(Map<Setting, String> values, List<String> warnings) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
        this.warnings = List.copyOf(warnings);
    }

    /** All defaults. */
    public static Settings defaults() {
        return new Settings(new EnumMap<>(Setting.class), List.of());
    }

    /** Reads {@code file}; a missing file yields the defaults. */
    public static Settings load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return defaults();
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), "check its permissions", e);
        }
        return parse(text, file.toString());
    }

    /** Parses the text of a peerget.conf; {@code source} names it in messages. */
    public static Settings parse(String text, String source) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        List<String> warnings = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.equals("[main]")) {
                    throw new EngineException(source + ":" + (i + 1) + ": unknown section " + line,
                            "peerget.conf has only a [main] section");
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new EngineException(source + ":" + (i + 1) + ": expected 'key = value', found '" + line + "'",
                        "see peerget.conf(5)");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            Setting setting = Setting.byKey(key);
            if (setting == null) {
                warnings.add(source + ":" + (i + 1) + ": unknown setting '" + key + "' ignored");
                continue;
            }
            values.put(setting, value);
        }
        Settings s = new Settings(values, warnings);
        s.validate(source);
        return s;
    }

    private void validate(String source) {
        for (Setting numeric : new Setting[] {Setting.TIMEOUT, Setting.RETRIES, Setting.MAX_INDEX_SIZE,
                Setting.SOLVER_TIMEOUT, Setting.SWARM_MIN_RATE, Setting.HTTP_CONNECTIONS, Setting.UPLOAD_RATE_LIMIT}) {
            try {
                if (Long.parseLong(get(numeric)) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new EngineException(source + ": " + numeric.key() + " must be a whole number >= 0, not '"
                        + get(numeric) + "'", "see peerget.conf(5)");
            }
        }
        flag(Setting.CHECK_VALID_UNTIL, source);
        flag(Setting.INSTALL_RECOMMENDS, source);
        for (Setting f : new Setting[] {Setting.TORRENT, Setting.DHT, Setting.LOCAL_PEER_DISCOVERY, Setting.SEED,
                Setting.CACHEONLY, Setting.DPKG_DECOMPRESS_AHEAD}) {
            flag(f, source);
        }
        for (Setting d : new Setting[] {Setting.SWARM_WAIT, Setting.SEED_TIME}) {
            duration(d, source);
        }
        try {
            if (Double.parseDouble(get(Setting.SEED_RATIO)) < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new EngineException(source + ": seed_ratio must be a number >= 0, not '" + get(Setting.SEED_RATIO)
                    + "'", "see peerget.conf(5)");
        }
        String format = get(Setting.PACKAGE_FORMAT);
        if (!format.equals("auto") && !format.equals("deb") && !format.equals("rpm")) {
            throw new EngineException(source + ": package_format must be auto, deb or rpm, not '" + format + "'",
                    "see peerget.conf(5)");
        }
    }

    /** Whether peerget.conf or a command-line option sets {@code setting} (rather than its default). */
    public boolean isSet(Setting setting) {
        return values.containsKey(setting);
    }

    /** The value, or the default when the file does not set it. */
    public String get(Setting setting) {
        return values.getOrDefault(setting, setting.defaultValue());
    }

    /** A copy with {@code setting} overridden (command-line options). */
    public Settings with(Setting setting, String value) {
        Map<Setting, String> copy = new EnumMap<>(Setting.class);
        copy.putAll(values);
        copy.put(setting, value);
        return new Settings(copy, warnings);
    }

    public long getLong(Setting setting) {
        return Long.parseLong(get(setting));
    }

    public boolean flag(Setting setting) {
        return flag(setting, "peerget.conf");
    }

    private boolean flag(Setting setting, String source) {
        String v = get(setting).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new EngineException(source + ": " + setting.key() + " must be true or false, not '" + v
                    + "'", "see peerget.conf(5)");
        };
    }

    /** A duration: a whole number with an optional unit {@code ms}, {@code s}, {@code m} or {@code h} (seconds by default). */
    public Duration duration(Setting setting) {
        return duration(setting, "peerget.conf");
    }

    private Duration duration(Setting setting, String source) {
        String v = get(setting).trim().toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h)?").matcher(v);
        if (!m.matches()) {
            throw new EngineException(source + ": " + setting.key() + " must be a duration like 30s, 60m or 2h, not '"
                    + v + "'", "see peerget.conf(5)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** A comma- or space-separated list. */
    public List<String> list(Setting setting) {
        return java.util.Arrays.stream(get(setting).split("[,\\s]+")).filter(x -> !x.isEmpty()).toList();
    }

    /** Problems that did not stop parsing (unknown keys), to show as warnings. */
    public List<String> warnings() {
        return warnings;
    }
}
