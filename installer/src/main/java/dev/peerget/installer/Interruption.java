package dev.peerget.installer;

import java.util.List;

/**
 * What an interrupted earlier run left in a root's package database, reported before anything else is done
 * there (apt's "dpkg was interrupted").
 *
 * @param message  one line saying what is wrong, naming the tool and the packages
 * @param packages the packages left in an intermediate state, as {@code name:arch (state)} or
 *                 {@code name-version.arch} for rpm duplicates
 * @param hint     what to do about it
 */
public record Interruption(String message, List<String> packages, String hint) {
    public Interruption {
        packages = List.copyOf(packages);
    }
}
