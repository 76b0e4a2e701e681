package dev.peerget.engine.plan;

import java.util.List;
import java.util.Objects;

/**
 * A hard dependency of an installed package that the installed packages do not satisfy, as apt-get lists it
 * under "The following packages have unmet dependencies:".
 *
 * @param name         the installed package
 * @param arch         its architecture
 * @param version      its installed version
 * @param field        the control field in apt's words: {@code Depends} or {@code PreDepends}
 * @param alternatives the relation's alternatives as written, each with why the installed set misses it
 */
public record UnmetDependency(String name, String arch, String version, String field,
                              List<Alternative> alternatives) {
    public UnmetDependency {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(field, "field");
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("an unmet dependency of " + name + " without alternatives");
        }
    }

    /**
     * One alternative of the relation.
     *
     * @param text   as the control field writes it, e.g. {@code bar (>= 2)}
     * @param reason apt's words after "but", e.g. {@code it is not installed}, {@code 1.0 is installed};
     *               null when there is nothing to add
     */
    public record Alternative(String text, String reason) {
        public Alternative {
            Objects.requireNonNull(text, "text");
        }
    }
}
