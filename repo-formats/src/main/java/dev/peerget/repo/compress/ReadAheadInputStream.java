package dev.peerget.repo.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads another stream on a thread of its own, a few chunks ahead of the reader: a decompressor then runs beside
 * the parser that consumes its output instead of in turn with it. At most {@code chunks} chunks of
 * {@code chunkSize} bytes are held. A failure of the source surfaces from the read that reaches it; closing stops
 * the thread and closes the source.
 */
public final class ReadAheadInputStream extends InputStream {
    private static final byte[] END = new byte[0];

    private final InputStream source;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;
    private volatile boolean closed;

    public ReadAheadInputStream(InputStream source, int chunkSize, int chunks, String threadName) {
        this.source = Objects.requireNonNull(source, "source");
        this.queue = new ArrayBlockingQueue<>(chunks);
        this.thread = new Thread(() -> produce(chunkSize), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(int chunkSize) {
        try {
            while (!closed) {
                byte[] b = new byte[chunkSize];
                int n = source.readNBytes(b, 0, chunkSize);
                if (n == 0) {
                    queue.put(END);
                    return;
                }
                queue.put(n == chunkSize ? b : Arrays.copyOf(b, n));
            }
        } catch (IOException | RuntimeException e) {
            try {
                queue.put(e);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        }
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        Object next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (next instanceof IOException e) {
            ended = true;
            throw new IOException(e.getMessage(), e);
        }
        if (next instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        current = (byte[]) next;
        pos = 0;
        if (current == END) {
            ended = true;
            return false;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (pos == current.length && !fill()) {
            return -1;
        }
        return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos == current.length && !fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
