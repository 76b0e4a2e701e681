package dev.peerget.repo.deb;

import dev.peerget.model.PackageRecord;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.compress.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads the control file of a {@code .deb} (deb(5): an ar archive whose {@code control.tar[.gz|.xz|.zst]}
 * member holds {@code ./control}) into a {@link PackageRecord} through the Packages field mapping.
 */
public final class DebFileReader {
    private DebFileReader() {
    }

    public static PackageRecord read(Path deb) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(deb));
             ArArchiveInputStream ar = new ArArchiveInputStream(file)) {
            ArArchiveEntry entry;
            while ((entry = ar.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.startsWith("control.tar")) {
                    InputStream tar = Compression.fromFileName(name).decompress(ar);
                    return control(new TarArchiveInputStream(tar), deb.toString())
                            .orElseThrow(() -> new MetadataException(deb + ": " + name + " has no control file"));
                }
            }
        }
        throw new MetadataException(deb + " is not a Debian package (no control.tar member)",
                "check that the file is a complete .deb");
    }

    private static Optional<PackageRecord> control(TarArchiveInputStream tar, String source) throws IOException {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String n = e.getName();
            if (n.equals("./control") || n.equals("control")) {
                Deb822Reader reader = new Deb822Reader(tar, source + " (control)");
                Optional<Stanza> stanza = reader.next();
                return stanza.map(PackagesIndexParser::record);
            }
        }
        return Optional.empty();
    }
}
