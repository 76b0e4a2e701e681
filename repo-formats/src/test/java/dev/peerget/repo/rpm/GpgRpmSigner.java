package dev.peerget.repo.rpm;

import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway gpg key in its own home directory that signs packages with the real {@code rpmsign}, for the
 * cases the fixture repository has no package for (other algorithms, v3 signatures, SHA-1). Close it to stop
 * the gpg-agent that gpg starts for the home. Test support only.
 */
final class GpgRpmSigner implements AutoCloseable {
    private final Path home;
    private final String fingerprint;
    private final Path publicKey;

    private GpgRpmSigner(Path home, String fingerprint, Path publicKey) {
        this.home = home;
        this.fingerprint = fingerprint;
        this.publicKey = publicKey;
    }

    /**
     * Generates a signing key with {@code gpg --quick-gen-key} ({@code algorithm} as gpg names it: "rsa2048",
     * "ed25519", …) in {@code dir}, and exports its public key there.
     */
    static GpgRpmSigner generate(Path dir, String algorithm) throws IOException, InterruptedException {
        return generate(dir, algorithm, "never");
    }

    /** As {@link #generate(Path, String)}, with an expiry as gpg takes it ("1d", "never"). */
    static GpgRpmSigner generate(Path dir, String algorithm, String expire) throws IOException, InterruptedException {
        Corpus.requireCommand("gpg");
        Corpus.requireCommand("rpmsign");
        Path home = Files.createDirectories(dir.resolve("gnupg-" + algorithm));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        String uid = "peerget test " + algorithm + " <" + algorithm + "@peerget.invalid>";
        RpmTools.runOk(List.of("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback",
                "--passphrase", "", "--quick-gen-key", uid, algorithm, "sign", expire));
        String colons = RpmTools.runOk(List.of("gpg", "--homedir", home.toString(), "--batch", "--with-colons",
                "--list-keys", uid)).output();
        String fpr = colons.lines().filter(l -> l.startsWith("fpr:")).findFirst()
                .map(l -> l.split(":")[9]).orElseThrow(() -> new AssertionError("no fingerprint in:\n" + colons));
        Path pub = dir.resolve(algorithm + ".asc");
        RpmTools.runOk(List.of("gpg", "--homedir", home.toString(), "--batch", "--armor", "--output",
                pub.toString(), "--export", fpr));
        return new GpgRpmSigner(home, fpr, pub);
    }

    String fingerprint() {
        return fingerprint;
    }

    /** The armored public key, as a repository's gpgkey= serves it. */
    Path publicKey() {
        return publicKey;
    }

    /** Signs {@code rpm} in place; {@code rpmsignArgs} come before the file (e.g. "--rpmv3"). */
    void sign(Path rpm, String... rpmsignArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("rpmsign", "--addsign",
                "--define", "__gpg /usr/bin/gpg",
                "--define", "_gpg_path " + home,
                "--define", "_gpg_name " + fingerprint,
                "--define", "_gpg_sign_cmd_extra_args --batch --pinentry-mode loopback --passphrase ''"));
        cmd.addAll(List.of(rpmsignArgs));
        cmd.add(rpm.toString());
        RpmTools.runOk(cmd);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        RpmTools.run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"));
    }
}
