package dev.peerget.engine.mirror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signs repository indexes by running the operator's gpg, with their key and keyring: peerget never handles
 * the secret key. Each signature is written next to its final name and renamed into place, so a failed run
 * leaves the previous signature file as it was. Stateless apart from its settings; thread-safe.
 */
final class GpgSigner {
    private static final long TIMEOUT_SECONDS = 120;

    private final Path gpg;
    private final String key;
    private final Path homedir;

    GpgSigner(Path gpg, String key, Path homedir) {
        this.gpg = gpg;
        this.key = key;
        this.homedir = homedir;
    }

    void sign(IndexSignature signature) {
        Path target = signature.signature();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".peerget-new");
        List<String> command = signature.gpgCommand(gpg.toString(), key, homedir, tmp);
        String hint = "check the key with 'gpg" + (homedir == null ? "" : " --homedir " + homedir)
                + " --list-secret-keys " + key + "'; a key with a passphrase needs a running gpg-agent that has it";
        try {
            Files.deleteIfExists(tmp);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new MirrorException("gpg did not finish signing " + signature.data() + " within "
                        + TIMEOUT_SECONDS + " s", hint);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                throw new MirrorException("gpg could not sign " + signature.data() + " with key " + key + " (exit "
                        + process.exitValue() + "): " + new String(output, StandardCharsets.UTF_8).strip(), hint);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MirrorException("cannot run " + gpg + " to sign " + signature.data() + ": " + e.getMessage(),
                    hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MirrorException("interrupted while signing " + signature.data(), null, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // Only a leftover temporary file beside the signature.
            }
        }
    }
}
