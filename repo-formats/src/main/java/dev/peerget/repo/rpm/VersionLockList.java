package dev.peerget.repo.rpm;

import dev.peerget.repo.Globs;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * dnf's versionlock plugin list ({@code /etc/dnf/plugins/versionlock.list}, written by {@code dnf versionlock
 * add|exclude}): one package pattern per line, {@code #} comments, a leading {@code !} for an exclusion. A
 * pattern is {@code name-[epoch:]version-release[.arch]} with shell wildcards ({@code dnf versionlock add bash}
 * writes {@code bash-0:5.2.15-3.fc38.*}); a line without the version part is a name pattern alone.
 *
 * <p>As the plugin applies it: a package matching an exclusion is not available; of a name that a lock names,
 * only the versions matching one of its locks are available. Installed packages stay installed either way
 * (the list limits what may be installed or upgraded to, not what is there). Immutable, thread-safe.
 */
public final class VersionLockList {
    /** One line: its name part and the whole pattern, both as regular expressions. */
    private record Lock(Pattern name, Pattern whole, boolean hasEpoch, boolean hasVersion) {}

    private final List<Lock> locks;
    private final List<Lock> excludes;

    private VersionLockList(List<Lock> locks, List<Lock> excludes) {
        this.locks = List.copyOf(locks);
        this.excludes = List.copyOf(excludes);
    }

    /** No locks, no exclusions. */
    public static final VersionLockList EMPTY = new VersionLockList(List.of(), List.of());

    /** Parses the list's text; blank lines and {@code #} comments are skipped. */
    public static VersionLockList parse(String text) {
        List<Lock> locks = new ArrayList<>();
        List<Lock> excludes = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exclude = line.startsWith("!");
            String pattern = exclude ? line.substring(1).strip() : line;
            if (!pattern.isEmpty()) {
                (exclude ? excludes : locks).add(lock(pattern));
            }
        }
        return new VersionLockList(locks, excludes);
    }

    private static Lock lock(String pattern) {
        // rpm versions and releases contain no '-': the name is everything before the last two.
        int release = pattern.lastIndexOf('-');
        int version = release > 0 ? pattern.lastIndexOf('-', release - 1) : -1;
        boolean nevr = version > 0 && !pattern.substring(release + 1).contains(":");
        String name = nevr ? pattern.substring(0, version) : pattern;
        boolean hasEpoch = nevr && pattern.substring(version + 1, release).contains(":");
        return new Lock(Globs.fnmatch(name), Globs.fnmatch(pattern), hasEpoch, nevr);
    }

    /** Whether nothing is locked or excluded. */
    public boolean isEmpty() {
        return locks.isEmpty() && excludes.isEmpty();
    }

    /**
     * Whether a package may be installed or upgraded to under this list.
     *
     * @param evr rpm's {@code [epoch:]version-release}, as peerget writes RPM versions
     */
    public boolean allows(String name, String evr, String arch) {
        for (Lock x : excludes) {
            if (matches(x, name, evr, arch)) {
                return false;
            }
        }
        boolean locked = false;
        for (Lock l : locks) {
            if (l.name().matcher(name).matches()) {
                locked = true;
                if (matches(l, name, evr, arch)) {
                    return true;
                }
            }
        }
        return !locked;
    }

    private static boolean matches(Lock lock, String name, String evr, String arch) {
        if (!lock.hasVersion()) {
            return lock.name().matcher(name).matches();
        }
        int colon = evr.indexOf(':');
        boolean epochGiven = colon > 0 && evr.substring(0, colon).chars().allMatch(Character::isDigit);
        String epoch = epochGiven ? evr.substring(0, colon) : "0";
        String vr = epochGiven ? evr.substring(colon + 1) : evr;
        // A pattern without an epoch matches any epoch; with or without the architecture.
        String nevr = name + "-" + (lock.hasEpoch() ? epoch + ":" : "") + vr;
        return lock.whole().matcher(nevr + "." + arch).matches() || lock.whole().matcher(nevr).matches();
    }
}
