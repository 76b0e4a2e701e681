package dev.peerget.engine;

import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixtureRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway GNUPGHOME holding the fixture repositories' secret key ({@code keys/repo.secret.asc}), for tests
 * that sign a changed index with the real gpg. Closing stops the gpg-agent gpg started for it.
 */
public final class TestGpg implements AutoCloseable {
    private final Path home;
    private final String fingerprint;

    private TestGpg(Path home, String fingerprint) {
        this.home = home;
        this.fingerprint = fingerprint;
    }

    /** Imports the fixtures' secret key into a new home under {@code dir} (kept short: gpg-agent's socket path). */
    public static TestGpg withFixtureKey(FixtureRepos fixtures, Path dir) throws IOException {
        Corpus.requireCommand("gpg");
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        TestGpg gpg = new TestGpg(home, fixtures.fingerprint());
        gpg.run("gpg", "--homedir", home.toString(), "--batch", "--import",
                fixtures.root().resolve("keys/repo.secret.asc").toString());
        return gpg;
    }

    public Path home() {
        return home;
    }

    /** The key's fingerprint, upper-case hex. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Runs a command line as an operator would paste it, with {@code --homedir} added after a leading gpg. */
    public String runAsOperator(String commandLine) {
        List<String> words = new ArrayList<>(List.of(commandLine.split(" ")));
        if (words.get(0).equals("gpg")) {
            words.addAll(1, List.of("--homedir", home.toString()));
        }
        return run(words.toArray(new String[0]));
    }

    /** Runs a command, failing the test when it fails; returns its output. */
    public String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
                .redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }
}
