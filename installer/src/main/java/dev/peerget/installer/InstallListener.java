package dev.peerget.installer;

import java.util.List;

/**
 * Progress of a transaction, for the CLI to render. Called on the thread that runs the transaction; the
 * default methods do nothing, and {@link #NONE} ignores everything.
 */
public interface InstallListener {
    InstallListener NONE = new InstallListener() { };

    /** A package tool is about to run {@code command}. */
    default void commandStarted(List<String> command) {
    }

    /** One line of the tool's merged standard output and error, without the line terminator. */
    default void output(String line) {
    }

    /** The tool run has ended with {@code exitCode} (128 + signal number when it was killed). */
    default void commandFinished(List<String> command, int exitCode) {
    }
}
