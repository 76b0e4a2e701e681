package dev.peerget.cli;

import java.io.PrintWriter;

/**
 * Where a command writes: standard output for results, standard error for messages, and whether output goes
 * to a terminal (progress drawing and colours only then). Tests pass a console over string buffers.
 */
public interface Console {
    PrintWriter out();

    PrintWriter err();

    /** Whether standard output is an interactive terminal. */
    boolean isTerminal();

    /** Terminal width in columns, 80 when unknown. */
    default int width() {
        return 80;
    }
}
