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
 * @param automaticBefore the installed packages ({@code name:arch}) the transaction changes that were marked
 *                    automatic before it, so that the history can record each package's mark for an undo;
 *                    null when the caller does not know the marks (the history then records none)
 */
public record Transaction(PackageFormat format, List<Step> steps, String commandLine, Set<String> automaticBefore) {
    public Transaction {
        Objects.requireNonNull(format, "format");
        steps = List.copyOf(steps);
        automaticBefore = automaticBefore == null ? null : Set.copyOf(automaticBefore);
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

    /** A transaction whose caller does not know the packages' marks. */
    public Transaction(PackageFormat format, List<Step> steps, String commandLine) {
        this(format, steps, commandLine, null);
    }

    /**
     * What an installed package ({@code name:arch}) that the transaction changes was, as far as its marks go:
     * {@link Change.Prior#INSTALLED} when they are not known.
     */
    public Change.Prior installedPrior(String name, String arch) {
        if (automaticBefore == null) {
            return Change.Prior.INSTALLED;
        }
        return automaticBefore.contains(name + ":" + arch) ? Change.Prior.AUTOMATIC : Change.Prior.MANUAL;
    }
}
