package dev.peerget.engine.installed;

import dev.peerget.engine.EngineException;
import dev.peerget.engine.ToolLocator;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PeergetException;
import dev.peerget.repo.deb.DpkgStatusReader;
import dev.peerget.repo.rpm.RpmDbReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/**
 * The packages installed under a root, read from the databases of the real tools: dpkg's status file and
 * (when the rpm tool and an rpm database are present) rpm's database. Read once, on first use.
 */
public final class InstalledDatabase {
    private final Layout layout;
    private final ToolLocator tools;
    private List<InstalledPackage> packages;

    public InstalledDatabase(Layout layout, ToolLocator tools) {
        this.layout = layout;
        this.tools = tools;
    }

    /** dpkg's status file under the root, the one {@link #packages()} reads ({@code apt-cache policy} names it). */
    public Path dpkgStatusFile() {
        return layout.dpkgStatusFile();
    }

    /** Every package with any state recorded in either database (not-installed entries excluded). */
    public synchronized List<InstalledPackage> packages() {
        if (packages == null) {
            List<InstalledPackage> all = new ArrayList<>();
            try {
                if (Files.isRegularFile(layout.dpkgStatusFile())) {
                    try (InputStream in = Files.newInputStream(layout.dpkgStatusFile())) {
                        all.addAll(DpkgStatusReader.read(in, layout.dpkgStatusFile().toString()));
                    }
                }
                Optional<Path> rpm = tools.find("rpm");
                if (Files.isDirectory(layout.rpmDbPath()) && rpm.isPresent()) {
                    all.addAll(new RpmDbReader(rpm.get().toString()).read(layout.root(),
                            Path.of("/").resolve(layout.root().relativize(layout.rpmDbPath()))));
                }
            } catch (PeergetException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new EngineException("cannot read the installed-package database under " + layout.root()
                        + ": " + e.getMessage(), null, e);
            }
            packages = List.copyOf(all);
        }
        return packages;
    }

    /** Installed packages of one format. */
    public List<InstalledPackage> packages(PackageFormat format) {
        return packages().stream().filter(p -> p.record().format() == format).toList();
    }
}
