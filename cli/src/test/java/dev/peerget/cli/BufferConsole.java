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

    private final java.util.Deque<String> answers = new java.util.ArrayDeque<>();
    private boolean terminal;

    /** Pretends to be a terminal whose user types {@code lines}, one per question. */
    BufferConsole answering(String... lines) {
        terminal = true;
        answers.addAll(java.util.List.of(lines));
        return this;
    }

    @Override
    public boolean isTerminal() {
        return terminal;
    }

    @Override
    public String ask(String prompt) {
        if (!terminal) {
            return null;
        }
        outWriter.print(prompt);
        String answer = answers.poll();
        outWriter.println(answer == null ? "" : answer);
        return answer;
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
