package dev.peerget.engine.update;

import dev.peerget.engine.Futures;
import dev.peerget.model.HashAlgorithm;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Makes the digests that index files are checked with: NSS's, through the JDK's PKCS#11 provider, where the JDK
 * has that provider and the system has NSS (Debian's OpenJDK depends on libnss3), else the JDK's own. Both
 * compute the same standard digests; the difference is speed. The launcher runs {@code update} with the C1
 * compiler only, and the JDK's SHA-256 in C1-compiled code hashes ~100 MB/s (0.11-0.15 s for bookworm's 12 MB
 * Packages.gz, on the update's critical path: nothing may read the file before its digest matched), NSS's about
 * ten times that. Setting the provider up takes ~0.08 s, so {@link #start} does it on a thread of its own while
 * the update opens the HTTP client and fetches InRelease. Safe to use from any thread.
 */
final class IndexDigests {
    /** NSS without a certificate or key database: only its digests are used. */
    private static final String NSS_CONFIG = "--name=NSS\nnssDbMode=noDb\nattributes=compatibility";

    private final CompletableFuture<Optional<Provider>> nss;

    private IndexDigests(CompletableFuture<Optional<Provider>> nss) {
        this.nss = nss;
    }

    /** Starts setting up the NSS provider on a background thread. */
    static IndexDigests start() {
        CompletableFuture<Optional<Provider>> nss = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                nss.complete(nssProvider());
            } catch (RuntimeException | Error e) {
                nss.completeExceptionally(e); // unexpected: rethrown where a digest is asked for
            }
        }, "peerget-digest-provider");
        t.setDaemon(true);
        t.start();
        return new IndexDigests(nss);
    }

    /** A new digest of {@code algorithm}; waits for the provider set-up when it is not done yet. */
    MessageDigest digest(HashAlgorithm algorithm) {
        Optional<Provider> provider = Futures.join(nss);
        try {
            if (provider.isPresent()) {
                try {
                    return MessageDigest.getInstance(algorithm.javaName(), provider.get());
                } catch (NoSuchAlgorithmException notInNss) {
                    // the JDK's, below
                }
            }
            return MessageDigest.getInstance(algorithm.javaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKCS#11 provider configured for NSS; empty when the JDK lacks the provider or the system lacks NSS. */
    private static Optional<Provider> nssProvider() {
        try {
            Provider pkcs11 = Security.getProvider("SunPKCS11");
            if (pkcs11 == null) {
                return Optional.empty();
            }
            Provider configured = pkcs11.configure(NSS_CONFIG);
            // A provider that cannot hash is of no use; this also makes NSS load its library now, not mid-download.
            MessageDigest.getInstance(HashAlgorithm.SHA256.javaName(), configured).digest(new byte[1]);
            return Optional.of(configured);
        } catch (ProviderException | InvalidParameterException | UnsupportedOperationException
                 | NoSuchAlgorithmException e) {
            return Optional.empty(); // no NSS (or no PKCS#11 support): the JDK's digests
        }
    }
}
