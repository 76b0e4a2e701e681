package dev.peerget.repo.rpm;

import dev.peerget.model.PackageId;
import java.util.List;
import java.util.Objects;

/**
 * The file list of one package from {@code filelists.xml}. {@code pkgid} is the package checksum that primary.xml
 * gives in {@code <checksum pkgid="YES">}, the key to merge the two files (name-arch-version is not unique when a
 * repository carries rebuilt packages). Immutable.
 *
 * @param pkgid lower-case hex package checksum
 * @param id    name, canonical RPM version and arch as filelists.xml states them (arch or version empty when absent)
 * @param files paths in document order (plain files, directories and ghosts alike)
 */
public record PackageFiles(String pkgid, PackageId id, List<String> files) {
    public PackageFiles {
        Objects.requireNonNull(pkgid, "pkgid");
        Objects.requireNonNull(id, "id");
        if (pkgid.isEmpty()) {
            throw new IllegalArgumentException("empty pkgid for " + id);
        }
        files = List.copyOf(files);
    }
}
