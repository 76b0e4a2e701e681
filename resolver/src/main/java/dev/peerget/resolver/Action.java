package dev.peerget.resolver;

import java.util.Objects;

/**
 * One change a plan makes.
 *
 * @param kind      what happens
 * @param from      the installed build replaced or removed; null for a new install
 * @param to        the build installed; null for a removal
 * @param automatic whether it is installed only to satisfy dependencies (marked auto, like apt)
 */
public record Action(Kind kind, Candidate from, Candidate to, boolean automatic) {
    public enum Kind { INSTALL, UPGRADE, DOWNGRADE, REINSTALL, REMOVE }

    public Action {
        Objects.requireNonNull(kind, "kind");
        boolean ok = switch (kind) {
            case INSTALL -> from == null && to != null;
            case REMOVE -> from != null && to == null;
            default -> from != null && to != null;
        };
        if (!ok) {
            throw new IllegalArgumentException(kind + " from " + from + " to " + to);
        }
    }
}
