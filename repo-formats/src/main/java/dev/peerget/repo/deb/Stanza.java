package dev.peerget.repo.deb;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One paragraph ("stanza") of a Debian control-format file: its fields in file order.
 *
 * <p>Field names compare case-insensitively, as Debian Policy §5.1 requires. Values are already unfolded the
 * way {@link Deb822Reader} documents: the first line trimmed, then each continuation line after a {@code \n},
 * kept as written (with its leading space, {@code " ."} untouched) minus trailing whitespace.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source name of the file the stanza came from, for error messages
 * @param line   1-based line number of the stanza's first field
 * @param fields the fields in file order; names are unique ignoring case
 */
public record Stanza(String source, long line, List<Stanza.Field> fields) {

    /**
     * One field.
     *
     * @param name  the field name as written
     * @param value the unfolded value, never null (may be empty)
     * @param line  1-based line number where the field starts
     */
    public record Field(String name, String value, long line) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty field name");
            }
        }
    }

    public Stanza {
        Objects.requireNonNull(source, "source");
        fields = List.copyOf(fields);
    }

    /** Builds a stanza from alternating names and values; handy for tests and synthesized entries. */
    public static Stanza of(String source, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must pair up");
        }
        List<Field> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new Field(namesAndValues[i], namesAndValues[i + 1], 1 + i / 2));
        }
        return new Stanza(source, 1, list);
    }

    /** The field with this name (ignoring case), if present. */
    public Optional<Field> field(String name) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The value of the field with this name (ignoring case), if present. */
    public Optional<String> get(String name) {
        return field(name).map(Field::value);
    }

    /** The value of the field, or {@code fallback} when absent. */
    public String value(String name, String fallback) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return f.value;
            }
        }
        return fallback;
    }

    /** Whether the field is present. */
    public boolean has(String name) {
        return field(name).isPresent();
    }

    /** The line of the named field, or the stanza's line when the field is absent (for error messages). */
    public long lineOf(String name) {
        return field(name).map(Field::line).orElse(line);
    }
}
