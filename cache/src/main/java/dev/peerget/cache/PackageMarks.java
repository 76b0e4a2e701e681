package dev.peerget.cache;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The user's marks on installed packages: which were installed only as dependencies (apt's
 * {@code Auto-Installed}, dnf's "dependency" reason), which were marked manual explicitly (so that another
 * tool's automatic mark no longer counts) and which are held at their version ({@code apt-mark hold}, dnf
 * versionlock). Immutable; names are {@code name:arch} keys.
 */
public record PackageMarks(Set<String> automatic, Set<String> held, Set<String> manual) {
    public static final PackageMarks NONE = new PackageMarks(Set.of(), Set.of(), Set.of());

    public PackageMarks {
        automatic = Set.copyOf(automatic);
        held = Set.copyOf(held);
        manual = Set.copyOf(manual);
    }

    public PackageMarks(Set<String> automatic, Set<String> held) {
        this(automatic, held, Set.of());
    }

    /** The key of a package in the mark sets. */
    public static String key(String name, String arch) {
        return name + ":" + arch;
    }

    /**
     * Whether the package is marked automatic. apt records {@code Architecture: all} packages under the native
     * architecture, so for those a mark under any architecture counts.
     */
    public boolean isAutomatic(String name, String arch) {
        if (automatic.contains(key(name, arch))) {
            return true;
        }
        if (arch.equals("all") || arch.equals("noarch")) {
            String prefix = name + ":";
            return automatic.stream().anyMatch(k -> k.startsWith(prefix) && k.indexOf(':', prefix.length()) < 0);
        }
        return false;
    }

    /** Whether a name is held (in any architecture). */
    public boolean isHeld(String name) {
        return held.stream().anyMatch(k -> k.startsWith(name + ":") && k.indexOf(':') == name.length());
    }

    /** Names (without architecture) that are held. */
    public Set<String> heldNames() {
        Set<String> out = new TreeSet<>();
        held.forEach(k -> out.add(k.substring(0, k.lastIndexOf(':'))));
        return out;
    }

    /**
     * These marks with the automatic marks of {@code other} added (apt's extended_states on a system apt has
     * managed: a package apt installed as a dependency stays one for peerget's autoremove).
     */
    public PackageMarks withAutomaticFrom(PackageMarks other) {
        Set<String> auto = new TreeSet<>(automatic);
        other.automatic.stream().filter(k -> !manual.contains(k)).forEach(auto::add);
        return new PackageMarks(auto, held, manual);
    }

    /** Marks a package automatic, or manual (which then outweighs another tool's automatic mark). */
    public PackageMarks withAutomatic(String name, String arch, boolean auto) {
        String key = key(name, arch);
        return new PackageMarks(toggle(automatic, key, auto), held, toggle(manual, key, !auto));
    }

    public PackageMarks withHeld(String name, String arch, boolean hold) {
        return new PackageMarks(automatic, toggle(held, key(name, arch), hold), manual);
    }

    /** Forgets every mark of a package (it was removed). */
    public PackageMarks without(String name, String arch) {
        String key = key(name, arch);
        return new PackageMarks(toggle(automatic, key, false), toggle(held, key, false), toggle(manual, key, false));
    }

    private static Set<String> toggle(Set<String> set, String key, boolean on) {
        Set<String> copy = new TreeSet<>(set);
        if (on) {
            copy.add(key);
        } else {
            copy.remove(key);
        }
        return copy;
    }

    /** Every marked key with its marks (automatic, held, manual), sorted, for writing. */
    Map<String, boolean[]> byKey() {
        Map<String, boolean[]> out = new TreeMap<>();
        automatic.forEach(k -> out.computeIfAbsent(k, x -> new boolean[3])[0] = true);
        held.forEach(k -> out.computeIfAbsent(k, x -> new boolean[3])[1] = true);
        manual.forEach(k -> out.computeIfAbsent(k, x -> new boolean[3])[2] = true);
        return out;
    }

    static PackageMarks of(Set<String> automatic, Set<String> held, Set<String> manual) {
        return new PackageMarks(Objects.requireNonNull(automatic), Objects.requireNonNull(held),
                Objects.requireNonNull(manual));
    }
}
