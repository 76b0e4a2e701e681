package dev.peerget.engine.update;

import dev.peerget.engine.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The signature check of a repository's signed index ({@code InRelease}), running on a thread of its own while
 * the update goes on with the index's still unverified content: downloading the files it lists (each checked
 * against the size and digest stated there) and writing their packages into the store's open transaction.
 * Checking three 4096-bit RSA signatures in a fresh JVM takes about as long as fetching the Packages index
 * (docs/benchmarks.md), so the two overlap instead of adding up.
 *
 * <p>The rule that keeps this safe: nothing derived from the unverified content is committed, reported or moved
 * into place before {@link #await} returned, and the check itself fails unless the verified text is the text the
 * speculative work used. A failure of the speculative work yields to a failure of the signature
 * ({@link #precedence}), because without the overlap the signature would have failed first.
 *
 * <p>{@link #await} and {@link #precedence} are for the updating thread.
 */
final class PendingSignature {
    private final CompletableFuture<String> signer;

    private PendingSignature(CompletableFuture<String> signer) {
        this.signer = signer;
    }

    /** Starts {@code check} (returns the signer's fingerprint, throws when the signature is not good). */
    static PendingSignature start(Supplier<String> check) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(check.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "peerget-signature-check");
        t.setDaemon(true);
        t.start();
        return new PendingSignature(f);
    }

    /** A check that is already done: {@code signer} verified (empty for a trusted repository). */
    static PendingSignature done(String signer) {
        return new PendingSignature(CompletableFuture.completedFuture(signer));
    }

    /** Waits for the check: the signer's fingerprint, or the check's exception, rethrown unchanged. */
    String await() {
        return Futures.join(signer);
    }

    /**
     * The exception to report when the speculative work failed with {@code failure}: the signature's own failure
     * when it has one (with {@code failure} suppressed), else {@code failure}. Waits for the check.
     */
    RuntimeException precedence(RuntimeException failure) {
        try {
            await();
            return failure;
        } catch (RuntimeException signature) {
            if (signature != failure) {
                signature.addSuppressed(failure);
            }
            return signature;
        }
    }
}
