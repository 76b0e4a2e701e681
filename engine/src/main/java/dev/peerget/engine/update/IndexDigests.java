package dev.peerget.engine.update;

import dev.peerget.model.HashAlgorithm;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.Optional;

/**
 * Makes the digests that index files are checked with: NSS's, through the JDK's PKCS#11 provider, where the JDK
 * has that provider and the system has NSS (Debian's OpenJDK depends on libnss3), else the JDK's own. Both
 * compute the same standard digests; the difference is speed. The launcher runs {@code update} with the C1
 * compiler only, and the JDK's SHA-256 in C1-compiled code hashes ~100 MB/s (0.11-0.15 s for bookworm's 12 MB
 * Packages.gz, on the update's critical path: nothing may read the file before its digest matched), NSS's about
 * ten times that. Setting the provider up takes ~0.08 s, so {@link #prepare} does it on a thread of its own while
 * the update opens the HTTP client and fetches InRelease.
 *
 * <p>NSS can be set up only once per process ("Secmod module already configured"), so the provider is a
 * per-process constant, made on first use. Thread-safe.
 */
final class IndexDigests {
    private IndexDigests() {
    }

    /** Starts setting the NSS provider up on a background thread, unless that was done already. */
    static void prepare() {
        Thread t = new Thread(Nss::provider, "peerget-digest-provider");
        t.setDaemon(true);
        t.start();
    }

    /** A new digest of {@code algorithm}; waits for the provider set-up when it is not done yet. */
    static MessageDigest digest(HashAlgorithm algorithm) {
        Optional<Provider> provider = Nss.provider();
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

    /** The provider, made when this class is initialised (the JVM runs that once, other threads wait for it). */
    private static final class Nss {
        /** NSS without a certificate or key database: only its digests are used. */
        private static final String CONFIG = "--name=NSS\nnssDbMode=noDb\nattributes=compatibility";
        private static final Optional<Provider> PROVIDER = configure();

        static Optional<Provider> provider() {
            return PROVIDER;
        }

        /** The PKCS#11 provider set up for NSS; empty when the JDK lacks the provider or the system lacks NSS. */
        private static Optional<Provider> configure() {
            try {
                Provider pkcs11 = Security.getProvider("SunPKCS11");
                if (pkcs11 == null) {
                    return Optional.empty();
                }
                Provider nss = pkcs11.configure(CONFIG);
                // A provider that cannot hash is of no use; this also makes NSS load its library now, not mid-download.
                MessageDigest.getInstance(HashAlgorithm.SHA256.javaName(), nss).digest(new byte[1]);
                return Optional.of(nss);
            } catch (ProviderException | InvalidParameterException | UnsupportedOperationException
                     | NoSuchAlgorithmException e) {
                return Optional.empty(); // no NSS (or no PKCS#11 support): the JDK's digests
            }
        }
    }
}
