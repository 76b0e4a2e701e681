package dev.peerget.installer.deb;

import dev.peerget.installer.Action;
import dev.peerget.installer.Step;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.deb.Deb822Reader;
import dev.peerget.repo.deb.PackagesIndexParser;
import java.nio.file.Path;

/** Package records written as control stanzas, and steps for them, for ordering tests. */
final class ControlRecords {
    private ControlRecords() {
    }

    /** A record from {@code "Package: a\nVersion: 1\nArchitecture: amd64\nDepends: b"}; fields may be omitted. */
    static PackageRecord control(String name, String... fields) {
        StringBuilder text = new StringBuilder("Package: " + name + "\n");
        boolean version = false;
        boolean arch = false;
        for (String f : fields) {
            version |= f.startsWith("Version:");
            arch |= f.startsWith("Architecture:");
            text.append(f).append('\n');
        }
        if (!version) {
            text.append("Version: 1.0-1\n");
        }
        if (!arch) {
            text.append("Architecture: amd64\n");
        }
        return PackagesIndexParser.record(Deb822Reader.readAll(text.toString(), "test", false).get(0));
    }

    static Step.Install install(PackageRecord r) {
        return new Step.Install(Action.INSTALL, r, Path.of("/pool/" + r.name() + ".deb"), false);
    }

    static Step.Install upgrade(PackageRecord r) {
        return new Step.Install(Action.UPGRADE, r, Path.of("/pool/" + r.name() + ".deb"), false);
    }
}
