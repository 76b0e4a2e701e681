package dev.peerget.repo;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.deb.DebFileReader;
import dev.peerget.repo.rpm.RpmFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A package file on the local disk ({@code ./foo.deb}, {@code /tmp/bar.rpm}) as a {@link PackageRecord}: its
 * control data or header, with the file's absolute path as location and its size and SHA-256 as checksum.
 */
public final class LocalPackageFile {
    private LocalPackageFile() {
    }

    /** Whether a command-line argument names a package file rather than a package. */
    public static boolean isPackageFile(String spec) {
        return spec.endsWith(".deb") || spec.endsWith(".rpm");
    }

    /** Reads {@code file}; {@code rpmCommand} is the rpm executable used to read RPM headers. */
    public static PackageRecord read(Path file, String rpmCommand) {
        PackageRecord r;
        try {
            r = file.toString().endsWith(".deb") ? DebFileReader.read(file) : RpmFileReader.read(file, rpmCommand);
        } catch (NoSuchFileException e) {
            throw new MetadataException("no such package file: " + file, "check the path");
        } catch (IOException e) {
            throw new MetadataException("cannot read package file " + file + ": " + e.getMessage(),
                    "is it a complete .deb or .rpm?", e);
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            Checksum sha = new Checksum(HashAlgorithm.SHA256, HexFormat.of().formatHex(md.digest()));
            return new PackageRecord(r.id(), r.format(), r.summary(), r.description(), r.section(), r.priority(),
                    r.essential(), r.multiArch(), r.relations(), r.provides(), r.files(), Files.size(file),
                    r.installedSize(), file.toAbsolutePath().toString(), List.of(sha), r.source(), r.maintainer(),
                    r.homepage(), r.license());
        } catch (IOException e) {
            throw new MetadataException("cannot read package file " + file + ": " + e.getMessage(), null, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
