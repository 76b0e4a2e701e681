package dev.peerget.engine.mirror;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A signature of a repository index that must be (re)written: {@code InRelease} (clearsigned) and
 * {@code Release.gpg} (detached, armored) of an apt suite; {@code repomd.xml.asc} (detached, armored) of a yum
 * repository.
 *
 * @param data      the signed index ({@code Release}, {@code repomd.xml})
 * @param signature the signature file
 * @param kind      how it signs
 */
public record IndexSignature(Path data, Path signature, Kind kind) {
    public enum Kind {
        /** The index and its signature in one file (gpg --clearsign): InRelease. */
        CLEARSIGNED,
        /** An armored signature beside the index (gpg --armor --detach-sign): Release.gpg, repomd.xml.asc. */
        DETACHED
    }

    public IndexSignature {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The gpg command line that writes this signature to {@code output} with {@code key}; {@code homedir} null
     * for gpg's default. SHA512 because apt refuses SHA1 signatures, and it is what Debian's archive uses.
     */
    public List<String> gpgCommand(String gpg, String key, Path homedir, Path output) {
        List<String> command = new ArrayList<>(List.of(gpg, "--batch", "--yes"));
        if (homedir != null) {
            command.addAll(List.of("--homedir", homedir.toString()));
        }
        command.addAll(List.of("--local-user", key, "--digest-algo", "SHA512"));
        command.addAll(kind == Kind.CLEARSIGNED ? List.of("--clearsign") : List.of("--armor", "--detach-sign"));
        command.addAll(List.of("--output", output.toString(), data.toString()));
        return command;
    }
}
