package dev.peerget.engine.query;

import dev.peerget.cache.MarkStore;
import dev.peerget.cache.PackageMarks;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.Layout;
import dev.peerget.model.VersionScheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What dnf's {@code downgrade NAME…} asks for: each installed build of each name goes to the highest available
 * version below the installed one, as an install of {@code name:arch=version} (the syntax history undo uses too),
 * keeping the automatic mark of what it replaces. A name that is not installed, or whose installed version is
 * the lowest there is, is reported in dnf's words and left alone; when nothing is left, {@link #specs} is empty
 * (dnf then fails with "No packages marked for downgrade").
 *
 * @param specs     the package arguments
 * @param automatic the packages ({@code name:arch}) among them that were marked automatic
 * @param notes     one line per name left alone, for the user
 */
public record DowngradeRequest(List<String> specs, Set<String> automatic, List<String> notes) {
    public DowngradeRequest {
        specs = List.copyOf(specs);
        automatic = Set.copyOf(automatic);
        notes = List.copyOf(notes);
    }

    /**
     * The downgrade of {@code names} on the system {@code catalog} describes, with the marks stored under
     * {@code layout}'s root (peerget's and apt's).
     */
    public static DowngradeRequest of(PackageCatalog catalog, Layout layout, List<String> names) {
        PackageMarks marks = new MarkStore(layout.marksFile()).read()
                .withAutomaticFrom(new MarkStore(layout.aptExtendedStates()).read());
        List<String> specs = new ArrayList<>();
        Set<String> automatic = new HashSet<>();
        List<String> notes = new ArrayList<>();
        for (String name : names) {
            List<InstalledPackage> installed = catalog.installed(name).stream()
                    .filter(InstalledPackage::isInstalled).toList();
            List<AvailablePackage> available = catalog.available(name, false);
            if (installed.isEmpty()) {
                notes.add(available.isEmpty() ? "No package " + name + " available."
                        : "Packages for argument " + name + " available, but not installed.");
                continue;
            }
            for (InstalledPackage i : installed) {
                String arch = i.record().arch();
                VersionScheme scheme = PackageCatalog.scheme(i.record().format());
                // available() is sorted newest first: the first lower version of this build is the target.
                String lower = available.stream().map(AvailablePackage::record)
                        .filter(r -> r.arch().equals(arch) && scheme.compare(r.version(), i.record().version()) < 0)
                        .map(r -> r.version()).findFirst().orElse(null);
                if (lower == null) {
                    notes.add("Package " + name + " of lowest version already installed, cannot downgrade it.");
                    continue;
                }
                specs.add(name + ":" + arch + "=" + lower);
                if (marks.isAutomatic(name, arch)) {
                    automatic.add(name + ":" + arch);
                }
            }
        }
        return new DowngradeRequest(specs, automatic, notes);
    }
}
