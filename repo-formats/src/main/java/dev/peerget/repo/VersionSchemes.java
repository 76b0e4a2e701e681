package dev.peerget.repo;

import dev.peerget.model.PackageFormat;
import dev.peerget.model.VersionScheme;
import dev.peerget.repo.deb.DebVersionScheme;
import dev.peerget.repo.rpm.RpmVersionScheme;

/** The version ordering of each package format. */
public final class VersionSchemes {
    private VersionSchemes() {
    }

    public static VersionScheme of(PackageFormat format) {
        return format == PackageFormat.DEB ? DebVersionScheme.INSTANCE : RpmVersionScheme.INSTANCE;
    }
}
