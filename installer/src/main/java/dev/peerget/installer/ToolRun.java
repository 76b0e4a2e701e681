package dev.peerget.installer;

import java.util.List;
import java.util.Objects;

/**
 * One run of dpkg or rpm within a transaction.
 *
 * @param command    the full command line
 * @param exitCode   its exit code, 128 + signal number when it was killed
 * @param outputTail the last lines of its merged output (at most {@value #TAIL_LINES} lines)
 */
public record ToolRun(List<String> command, int exitCode, String outputTail) {
    /** How many trailing output lines are kept. */
    public static final int TAIL_LINES = 40;

    public ToolRun {
        command = List.copyOf(command);
        outputTail = Objects.requireNonNullElse(outputTail, "");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The command as one line, for messages. */
    public String commandLine() {
        return String.join(" ", command);
    }
}
