package dev.peerget.installer;

import dev.peerget.model.PackageFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The changes one command makes to a root, as the engine planned them: every package at most once, all of one
 * format. The order of {@code steps} does not matter; the installer orders them for its package tool.
 *
 * @param format      the package format of every step
 * @param steps       the changes, at least one
 * @param commandLine the command the user gave ({@code peerget install pg-hello}), kept in the history
 */
public record Transaction(PackageFormat format, List<Step> steps, String commandLine) {
    public Transaction {
        Objects.requireNonNull(format, "format");
        steps = List.copyOf(steps);
        commandLine = Objects.requireNonNullElse(commandLine, "");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one step");
        }
        Set<String> seen = new HashSet<>();
        for (Step s : steps) {
            if (s instanceof Step.Install i && i.record().format() != format) {
                throw new IllegalArgumentException(i.record().id() + " is a " + i.record().format().id()
                        + " package in a " + format.id() + " transaction");
            }
            String key = s.name() + ":" + s.arch() + (s instanceof Step.Remove r && r.version() != null
                    ? "=" + r.version() : "");
            if (!seen.add(key)) {
                throw new IllegalArgumentException("package " + s.name() + ":" + s.arch()
                        + " appears in more than one step");
            }
        }
    }
}
