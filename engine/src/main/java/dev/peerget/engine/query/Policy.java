package dev.peerget.engine.query;

import dev.peerget.model.PackageFormat;
import java.util.List;
import java.util.Objects;

/**
 * {@code policy PKG}: the installed and candidate versions of one package, and every known version.
 *
 * @param arch      the package's architecture; for Debian apt's (an {@code all} package is the native one's)
 * @param foreign   Debian only: the architecture is neither native nor {@code all}, so apt names the package
 *                  {@code NAME:ARCH}
 * @param installed the version on the system (apt's current version: any dpkg state but config-files), or null
 * @param candidate the version install would choose, or null
 */
public record Policy(String name, String arch, PackageFormat format, boolean foreign, String installed,
                     String candidate, List<VersionRow> versions) {
    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(format, "format");
        versions = List.copyOf(versions);
    }
}
