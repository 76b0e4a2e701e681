package dev.peerget.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A console over string buffers, for tests. */
final class BufferConsole implements Console {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final PrintWriter outWriter = new PrintWriter(out, true);
    private final PrintWriter errWriter = new PrintWriter(err, true);

    @Override
    public PrintWriter out() {
        return outWriter;
    }

    @Override
    public PrintWriter err() {
        return errWriter;
    }

    @Override
    public boolean isTerminal() {
        return false;
    }

    String stdout() {
        outWriter.flush();
        return out.toString();
    }

    String stderr() {
        errWriter.flush();
        return err.toString();
    }
}
