package dev.peerget.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work started on another thread, with its failure rethrown as the work threw it. */
public final class Futures {
    private Futures() {
    }

    /** The result of {@code f}, or the runtime exception or error it failed with (not a CompletionException). */
    public static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
