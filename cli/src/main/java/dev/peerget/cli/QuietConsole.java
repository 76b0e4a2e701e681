package dev.peerget.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * apt-get's {@code -q}: from level 1 no progress drawing (output "suitable for logging"); from level 2, for the
 * commands whose standard output is a report rather than a result (update, the planning commands), none of it:
 * messages on standard error and questions stay.
 */
final class QuietConsole implements Console {
    private final Console console;
    private final PrintWriter out;

    private QuietConsole(Console console, boolean silent) {
        this.console = console;
        this.out = silent ? new PrintWriter(Writer.nullWriter()) : console.out();
    }

    /** {@code console} at quiet {@code level} (0: as it is); {@code silent} drops standard output from level 2. */
    static Console of(Console console, int level, boolean silent) {
        return level <= 0 ? console : new QuietConsole(console, silent && level >= 2);
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public PrintWriter err() {
        return console.err();
    }

    @Override
    public boolean isTerminal() {
        return false;
    }

    @Override
    public String ask(String prompt) {
        return console.ask(prompt);
    }

    @Override
    public int width() {
        return console.width();
    }
}
