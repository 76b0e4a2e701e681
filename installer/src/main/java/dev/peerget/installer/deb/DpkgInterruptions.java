package dev.peerget.installer.deb;

import dev.peerget.installer.Interruption;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.Layout;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an interrupted or failed dpkg run left in a root's package database, and which transactions that blocks:
 * {@link DpkgInstaller}'s checks before it runs anything. Stateless apart from the database it reads.
 */
final class DpkgInterruptions {
    private final Layout layout;
    private final DpkgDatabase database;

    DpkgInterruptions(Layout layout, DpkgDatabase database) {
        this.layout = layout;
        this.database = database;
    }

    /** What dpkg's database says an earlier run left unfinished ({@code journal}: its journal is pending). */
    Optional<Interruption> interruption(Map<String, InstalledPackage> packages, boolean journal) {
        List<String> unfinished = DpkgDatabase.unfinished(packages);
        if (!journal && unfinished.isEmpty()) {
            return Optional.empty();
        }
        String what = unfinished.isEmpty() ? "its journal " + layout.dpkgAdminDir().resolve("updates")
                + " was not applied" : String.join(", ", unfinished);
        boolean reinstall = unfinished.stream().anyMatch(u -> u.endsWith("(half-installed)"));
        return Optional.of(new Interruption(
                (journal ? "dpkg was interrupted in " : "dpkg left packages unfinished in ") + layout.root() + ": "
                        + what,
                unfinished,
                "run peerget recover (it runs dpkg --configure -a)"
                        + (reinstall ? "; half-installed packages must then be reinstalled or removed" : "")
                        + (journal ? "" : "; when a maintainer script keeps failing, remove the package (peerget "
                                + "remove NAME) or install a fixed version")));
    }

    /**
     * apt's rule: a pending journal means dpkg was interrupted, and nothing runs before {@code --configure -a}.
     * Packages a failed script left unfinished only block transactions that leave them alone: removing or
     * reinstalling them is how a user gets out of a maintainer script that keeps failing.
     *
     * @param touched the {@code name:arch} of every package the transaction changes
     */
    Optional<Interruption> blocking(Set<String> touched, Map<String, InstalledPackage> packages) {
        boolean journal = !database.journal().isEmpty();
        Optional<Interruption> interruption = interruption(packages, journal);
        if (interruption.isEmpty() || journal) {
            return interruption;
        }
        for (Map.Entry<String, InstalledPackage> e : packages.entrySet()) {
            if (DpkgDatabase.UNFINISHED_STATES.contains(e.getValue().state()) && !touched.contains(e.getKey())) {
                return interruption;
            }
        }
        return Optional.empty();
    }
}
