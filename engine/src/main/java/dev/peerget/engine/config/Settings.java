package dev.peerget.engine.config;

import dev.peerget.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
                Setting.SOLVER_TIMEOUT}) {
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
        String format = get(Setting.PACKAGE_FORMAT);
        if (!format.equals("auto") && !format.equals("deb") && !format.equals("rpm")) {
            throw new EngineException(source + ": package_format must be auto, deb or rpm, not '" + format + "'",
                    "see peerget.conf(5)");
        }
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

    /** Problems that did not stop parsing (unknown keys), to show as warnings. */
    public List<String> warnings() {
        return warnings;
    }
}
