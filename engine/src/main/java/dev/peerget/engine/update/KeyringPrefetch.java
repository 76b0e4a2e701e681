package dev.peerget.engine.update;

import dev.peerget.engine.Futures;
import dev.peerget.repo.deb.AptSource;
import dev.peerget.repo.pgp.Keyring;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the keyrings of the apt targets on a background thread while the main thread opens the HTTP client
 * and downloads {@code InRelease}. Parsing the first keyring is BouncyCastle's first use in the process, a few
 * hundred milliseconds of class loading and cold code in a fresh JVM (docs/benchmarks.md); nothing about what
 * is trusted changes: the same {@link KeyringResolver#forApt} result is used, and its failure is rethrown
 * unchanged where the keyring is needed. Safe to use from the updating thread while loading goes on.
 */
final class KeyringPrefetch {
    private final KeyringResolver resolver;
    private final Map<AptSource.Target, CompletableFuture<Keyring>> loading = new HashMap<>();

    private KeyringPrefetch(KeyringResolver resolver) {
        this.resolver = resolver;
    }

    /** Starts loading the keyring of every target that is verified (not {@code trusted=yes}). */
    static KeyringPrefetch start(KeyringResolver resolver, List<AptSource.Target> targets) {
        KeyringPrefetch prefetch = new KeyringPrefetch(resolver);
        for (AptSource.Target t : targets) {
            if (!t.trusted()) {
                prefetch.loading.putIfAbsent(t, new CompletableFuture<>());
            }
        }
        if (!prefetch.loading.isEmpty()) {
            Map<AptSource.Target, CompletableFuture<Keyring>> work = Map.copyOf(prefetch.loading);
            Thread loader = new Thread(() -> targets.stream().filter(work::containsKey).distinct().forEach(t -> {
                try {
                    work.get(t).complete(resolver.forApt(t));
                } catch (Throwable e) {
                    work.get(t).completeExceptionally(e);
                }
            }), "peerget-keyring-loader");
            loader.setDaemon(true);
            loader.start();
        }
        return prefetch;
    }

    /** The keyring of {@code target}, waiting for the loader when it is not done yet. */
    Keyring forApt(AptSource.Target target) {
        CompletableFuture<Keyring> f = loading.get(target);
        if (f == null) {
            return resolver.forApt(target);
        }
        return Futures.join(f);
    }
}
