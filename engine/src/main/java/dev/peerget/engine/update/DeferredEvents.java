package dev.peerget.engine.update;

import java.util.ArrayList;
import java.util.List;

/**
 * Progress of the files a Release lists, held back until the Release's signature is known to be good
 * ({@link PendingSignature}) and then passed on in order: without the overlap these lines would only have been
 * printed after the check, and a Release that fails it must not show its files as fetched. Numbers ({@code Get:N})
 * are taken from the update's {@link Sequence} when flushed, in the order they were asked for, so that the numbering
 * is the same as without the overlap. Not thread-safe; for the updating thread.
 */
final class DeferredEvents {
    private final UpdateListener listener;
    private final Sequence seq;
    /** One entry per {@link #next} (a Get number, with its event once known) or per warning, in call order. */
    private final List<Entry> entries = new ArrayList<>();

    private static final class Entry {
        final String warning;
        String baseUri;
        String what;
        long bytes;
        boolean fetched;

        Entry(String warning) {
            this.warning = warning;
        }
    }

    DeferredEvents(UpdateListener listener, Sequence seq) {
        this.listener = listener;
        this.seq = seq;
    }

    /** Reserves the next {@code Get:} number; returns a token for {@link #fetched}. */
    int next() {
        entries.add(new Entry(null));
        return entries.size() - 1;
    }

    /** {@link UpdateListener#fetched} for the number reserved as {@code token}. */
    void fetched(int token, String baseUri, String what, long bytes) {
        Entry e = entries.get(token);
        e.baseUri = baseUri;
        e.what = what;
        e.bytes = bytes;
        e.fetched = true;
    }

    void warning(String message) {
        entries.add(new Entry(message));
    }

    /** Passes everything held back to the listener, numbering as it goes. */
    void flush() {
        for (Entry e : entries) {
            if (e.warning != null) {
                listener.warning(e.warning);
                continue;
            }
            int n = seq.next();
            if (e.fetched) {
                listener.fetched(n, e.baseUri, e.what, e.bytes);
            }
        }
        entries.clear();
    }
}
