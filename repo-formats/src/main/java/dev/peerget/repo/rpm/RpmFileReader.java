package dev.peerget.repo.rpm;

import dev.peerget.model.InstalledPackage;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.rpm.internal.RpmQueryOutputParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the header of an {@code .rpm} file with the real {@code rpm -qp} and the same query format as the
 * installed-package reader. Signatures are not checked here (that is the installer's job, against the
 * repository's keys).
 */
public final class RpmFileReader {
    private RpmFileReader() {
    }

    public static PackageRecord read(Path rpmFile, String rpmCommand) throws IOException {
        if (!Files.isRegularFile(rpmFile)) {
            throw new NoSuchFileException(rpmFile.toString());
        }
        Process p = new ProcessBuilder(rpmCommand, "-qp", "--nosignature", "--nodigest", "--qf",
                RpmQueryOutputParser.QUERY_FORMAT, rpmFile.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<InstalledPackage> read;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            read = RpmQueryOutputParser.parse(out, rpmFile.toString());
        }
        try {
            if (p.waitFor() != 0 || read.size() != 1) {
                throw new MetadataException(rpmFile + " is not a readable RPM package (rpm -qp failed)",
                        "check that the file is a complete .rpm");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return read.get(0).record();
    }
}
