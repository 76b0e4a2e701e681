package dev.peerget.fetch.swarm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A transfer rate over a sliding time window: samples of (time, bytes received so far), the rate being the bytes
 * over the time the kept samples span. Timestamped, so samples may come at any pace. Not thread-safe.
 */
final class RateWindow {
    private final long windowNanos;
    private final Deque<long[]> samples = new ArrayDeque<>();

    RateWindow(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** Adds a sample (a nanoTime and the total bytes at that time) and drops those older than the window. */
    void add(long nanoTime, long bytes) {
        samples.addLast(new long[] {nanoTime, bytes});
        while (samples.size() > 2 && nanoTime - samples.peekFirst()[0] > windowNanos) {
            samples.removeFirst();
        }
    }

    /** Bytes per second over the kept samples; 0 until two samples span some time. */
    long bytesPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long nanos = samples.peekLast()[0] - samples.peekFirst()[0];
        if (nanos <= 0) {
            return 0;
        }
        return (long) ((samples.peekLast()[1] - samples.peekFirst()[1]) * 1e9 / nanos);
    }
}
