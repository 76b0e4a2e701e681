package dev.peerget.engine.solvertest;

import dev.peerget.engine.EngineException;

/** A solver testcase cannot be read or written; the message names the file and line. */
public final class TestcaseException extends EngineException {
    private static final long serialVersionUID = 1L;

    public TestcaseException(String message, Throwable cause) {
        super(message, "see testsolv(1) and libsolv's ext/testcase.c for the format", cause);
    }

    public TestcaseException(String message) {
        this(message, null);
    }
}
