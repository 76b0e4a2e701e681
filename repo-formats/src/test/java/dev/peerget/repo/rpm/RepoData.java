package dev.peerget.repo.rpm;

import dev.peerget.model.PackageRecord;
import dev.peerget.repo.compress.Compression;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test helpers to open corpus repositories through their repomd.xml. */
final class RepoData {
    private RepoData() {
    }

    /** The parsed repomd.xml of a corpus repository folder (the one holding {@code repodata/}). */
    static Repomd repomd(String repoDir) throws IOException {
        Path file = Corpus.path(repoDir).resolve("repodata/repomd.xml");
        try (InputStream in = Files.newInputStream(file)) {
            return RepomdParser.parse(in, file.toString());
        }
    }

    /** The file a repomd entry names. */
    static Path file(String repoDir, String type) throws IOException {
        RepomdData d = repomd(repoDir).data(type).orElseThrow();
        return Corpus.path(repoDir).resolve(d.location());
    }

    /** An input stream over the decompressed content of {@code file}, chosen by suffix. */
    static InputStream open(Path file) throws IOException {
        return Compression.fromFileName(file.getFileName().toString()).decompress(Files.newInputStream(file));
    }

    /** Every package of a repository's primary metadata. */
    static List<PackageRecord> primary(String repoDir) throws IOException {
        Path file = file(repoDir, "primary");
        List<PackageRecord> out = new ArrayList<>();
        try (InputStream in = open(file)) {
            PrimaryParser.parse(in, file.toString(), out::add);
        }
        return out;
    }

    static List<PackageFiles> filelists(Path file) throws IOException {
        List<PackageFiles> out = new ArrayList<>();
        try (InputStream in = open(file)) {
            FilelistsParser.parse(in, file.toString(), out::add);
        }
        return out;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
