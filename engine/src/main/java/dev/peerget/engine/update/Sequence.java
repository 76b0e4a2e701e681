package dev.peerget.engine.update;

/** Numbers the files of one update run, like apt's {@code Get:1 … Get:2}. Not thread-safe. */
final class Sequence {
    private int last;

    int next() {
        return ++last;
    }
}
