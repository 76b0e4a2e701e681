package dev.peerget.installer.deb;

import dev.peerget.installer.InstallerException;
import dev.peerget.model.InstalledPackage;
import dev.peerget.repo.deb.Deb822Reader;
import dev.peerget.repo.deb.DpkgStatusReader;
import dev.peerget.repo.deb.PackagesIndexParser;
import dev.peerget.repo.deb.Stanza;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The package states of a dpkg admin directory as dpkg itself would see them: the {@code status} file with the
 * journal in {@code updates/} applied on top. dpkg writes a journal entry per state change and folds the
 * journal into {@code status} when a run ends cleanly, so after a killed run only the two together are current.
 */
final class DpkgDatabase {
    /** States a run leaves only when it is interrupted or fails (dpkg(1), "Package states"). */
    static final List<String> UNFINISHED_STATES = List.of("half-installed", "unpacked", "half-configured",
            "triggers-awaited", "triggers-pending");

    private final Path adminDir;

    DpkgDatabase(Path adminDir) {
        this.adminDir = adminDir;
    }

    boolean exists() {
        return Files.isRegularFile(adminDir.resolve("status"));
    }

    /** Journal files dpkg has not folded into status yet (names of digits only, as dpkg writes them). */
    List<Path> journal() {
        Path updates = adminDir.resolve("updates");
        if (!Files.isDirectory(updates)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(updates)) {
            return files.filter(p -> p.getFileName().toString().matches("[0-9]+")).sorted().toList();
        } catch (IOException e) {
            throw new InstallerException("cannot list dpkg's journal " + updates + ": " + e.getMessage(),
                    "check the permissions of " + adminDir, e);
        }
    }

    /** Every package dpkg knows in a state other than not-installed, keyed {@code name:arch}. */
    Map<String, InstalledPackage> read() {
        Path status = adminDir.resolve("status");
        Map<String, InstalledPackage> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(status)) {
            for (InstalledPackage p : DpkgStatusReader.read(in, status.toString())) {
                out.put(DpkgOrdering.key(p.record().name(), p.record().arch()), p);
            }
            for (Path entry : journal()) {
                try (InputStream j = Files.newInputStream(entry);
                     Deb822Reader reader = new Deb822Reader(j, entry.toString())) {
                    Optional<Stanza> s;
                    while ((s = reader.next()).isPresent()) {
                        apply(s.get(), out);
                    }
                }
            }
        } catch (IOException e) {
            throw new InstallerException("cannot read dpkg's database " + status + ": " + e.getMessage(),
                    "check that " + adminDir + " is a dpkg admin directory", e);
        }
        return out;
    }

    private static void apply(Stanza stanza, Map<String, InstalledPackage> out) {
        String name = stanza.value("Package", "");
        String arch = stanza.value("Architecture", "");
        String[] status = stanza.value("Status", "").strip().split("\\s+");
        if (name.isEmpty() || status.length != 3) {
            return; // not a package stanza; dpkg would reject the journal, and --configure -a reports it
        }
        String key = DpkgOrdering.key(name, arch);
        if (status[2].equals("not-installed")) {
            out.remove(key);
        } else {
            out.put(key, new InstalledPackage(PackagesIndexParser.record(stanza), status[2]));
        }
    }

    /** Packages in an unfinished state, as {@code name:arch (state)}. */
    static List<String> unfinished(Map<String, InstalledPackage> packages) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, InstalledPackage> e : packages.entrySet()) {
            if (UNFINISHED_STATES.contains(e.getValue().state())) {
                out.add(e.getKey() + " (" + e.getValue().state() + ")");
            }
        }
        return out;
    }
}
