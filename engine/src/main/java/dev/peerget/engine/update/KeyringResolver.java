package dev.peerget.engine.update;

import dev.peerget.engine.EngineContext;
import dev.peerget.fetch.http.DownloadRequest;
import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.model.Layout;
import dev.peerget.repo.VerificationException;
import dev.peerget.repo.deb.AptSource;
import dev.peerget.repo.deb.KeyRef;
import dev.peerget.repo.pgp.Keyring;
import dev.peerget.repo.rpm.YumRepoConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the keys a repository may be signed with: apt's {@code Signed-By} (key files, inline keys or
 * fingerprints of trusted keys) or, without it, the trusted keyrings ({@code trusted.gpg.d}); dnf's
 * {@code gpgkey} URLs. Key file paths are taken below the root. {@link #forApt} may run on another thread
 * ({@link KeyringPrefetch}) than the other methods.
 */
public final class KeyringResolver {
    /** Largest key file fetched from a gpgkey URL. */
    private static final long MAX_KEY_SIZE = 1 << 20;

    private final EngineContext context;
    private final HttpDownloader downloader;
    private Keyring trusted;

    public KeyringResolver(EngineContext context, HttpDownloader downloader) {
        this.context = context;
        this.downloader = downloader;
    }

    Keyring forApt(AptSource.Target target) {
        List<Keyring> rings = new ArrayList<>();
        boolean needTrusted = target.signedBy().isEmpty();
        for (KeyRef ref : target.signedBy()) {
            if (ref instanceof KeyRef.KeyFile f) {
                rings.add(Keyring.load(List.of(context.layout().resolve(f.path().toString()))));
            } else if (ref instanceof KeyRef.Inline i) {
                rings.add(Keyring.parse(i.armored().getBytes(StandardCharsets.UTF_8), target.origin() + " (Signed-By)"));
            } else {
                needTrusted = true;
            }
        }
        if (needTrusted) {
            rings.add(trusted());
        }
        return Keyring.union(rings);
    }

    /** With fingerprints in Signed-By, the good signature must come from one of them (sources.list(5)). */
    String checkAptSigner(AptSource.Target target, String signer, String source) {
        List<String> wanted = target.signedBy().stream().filter(KeyRef.Fingerprint.class::isInstance)
                .map(r -> ((KeyRef.Fingerprint) r).hex()).toList();
        boolean onlyFingerprints = !wanted.isEmpty()
                && target.signedBy().stream().allMatch(KeyRef.Fingerprint.class::isInstance);
        if (onlyFingerprints && wanted.stream().noneMatch(w -> signer.toUpperCase(Locale.ROOT).endsWith(w))) {
            throw new VerificationException(source + " is signed by " + signer + ", which Signed-By does not allow",
                    "add that key's fingerprint to Signed-By in " + target.origin() + " if you trust it");
        }
        return signer;
    }

    private synchronized Keyring trusted() {
        if (trusted == null) {
            Layout layout = context.layout();
            List<Path> files = new ArrayList<>();
            if (Files.isRegularFile(layout.aptTrustedKeyring())) {
                files.add(layout.aptTrustedKeyring());
            }
            if (Files.isDirectory(layout.aptTrustedDir())) {
                try (Stream<Path> s = Files.list(layout.aptTrustedDir())) {
                    s.filter(p -> p.toString().endsWith(".gpg") || p.toString().endsWith(".asc")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new VerificationException("cannot list " + layout.aptTrustedDir() + ": " + e.getMessage());
                }
            }
            trusted = Keyring.load(files);
        }
        return trusted;
    }

    /** The keys named by a yum repository's {@code gpgkey}; {@code file:} paths below the root. */
    public Keyring forYum(YumRepoConfig repo, Path workDir) {
        if (repo.gpgKeys().isEmpty()) {
            throw new VerificationException("repository '" + repo.id() + "' has repo_gpgcheck=1 but no gpgkey",
                    "add gpgkey=file:///path/to/key to " + repo.sourceName());
        }
        List<Keyring> rings = new ArrayList<>();
        int n = 0;
        for (String url : repo.gpgKeys()) {
            URI uri = URI.create(url);
            Path file;
            if ("file".equalsIgnoreCase(uri.getScheme())) {
                file = context.layout().resolve(uri.getPath());
            } else {
                file = workDir.resolve("gpgkey-" + (n++));
                downloader.fetch(new DownloadRequest(uri, file, MAX_KEY_SIZE, null));
            }
            rings.add(Keyring.load(List.of(file)));
        }
        return Keyring.union(rings);
    }
}
