package dev.peerget.repo.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.VerificationException;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real gpg as the oracle for the cleartext framework: dash-escaping, trailing whitespace, CR LF. */
class ClearsignedByGpgTest {
    private static final String JOE = "34A8E9D18DB320F367E8EAA05A90D141DBAC8DAE";

    @Test
    void gpgClearsignedTextComesBackAsAptReadsIt(@TempDir Path dir) throws Exception {
        Corpus.requireCommand("gpg");
        String original = "Origin: Test \t\n-----BEGIN not a header\nFrom the start\r\nDescription: x\n - dash\n";
        byte[] signed = clearsign(dir, original);
        Keyring joe = Keyring.load(List.of(Corpus.path("apt/apt-upstream-tests/joesixpack.pub")));

        VerifiedText verified = new SignatureVerifier().verifyClearsigned(signed, joe, "gpg/InRelease", Instant.now());

        assertThat(new String(signed, StandardCharsets.US_ASCII)).contains("- -----BEGIN not a header");
        assertThat(verified.signerFingerprint()).isEqualTo(JOE);
        // Trailing whitespace is not signed (RFC 4880 §7.1), so it is not returned either.
        assertThat(verified.text())
                .isEqualTo("Origin: Test\n-----BEGIN not a header\nFrom the start\nDescription: x\n - dash\n");
    }

    @Test
    void aLineStartingWithADashThatIsNotEscapedIsRejected(@TempDir Path dir) throws Exception {
        Corpus.requireCommand("gpg");
        String text = new String(clearsign(dir, "Origin: Test\n-----BEGIN x\n"), StandardCharsets.US_ASCII);
        byte[] unescaped = text.replace("- -----BEGIN x", "-----BEGIN x").getBytes(StandardCharsets.US_ASCII);
        Keyring joe = Keyring.load(List.of(Corpus.path("apt/apt-upstream-tests/joesixpack.pub")));

        assertThatThrownBy(() -> new SignatureVerifier().verifyClearsigned(unescaped, joe, "gpg/InRelease", Instant.now()))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("starts with a dash but is not dash-escaped");
    }

    private static byte[] clearsign(Path dir, String text) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("g"));
        Path in = Files.writeString(dir.resolve("Release"), text, StandardCharsets.US_ASCII);
        Path out = dir.resolve("InRelease");
        try {
            run(List.of("gpg", "--homedir", home.toString(), "--batch", "--import",
                    Corpus.path("apt/apt-upstream-tests/joesixpack.sec").toString()));
            run(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes", "--digest-algo", "SHA256",
                    "--local-user", JOE, "--output", out.toString(), "--clearsign", in.toString()));
        } finally {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").start()
                    .waitFor(10, TimeUnit.SECONDS);
        }
        return Files.readAllBytes(out);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
