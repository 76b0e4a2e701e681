package dev.peerget.resolver;

import dev.peerget.model.VersionConstraint;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** One thing the user asked for. */
public sealed interface Job {

    /**
     * Install {@code name} (or upgrade it to the best allowed version).
     *
     * @param constraint only versions satisfying this (from {@code pkg=VERSION}, {@code pkg-VERSION}); null for any
     * @param arch       only this architecture; null for the best one
     * @param source     only from this repository ({@code pkg/suite}); null for any
     * @param archImplied {@code arch} was not typed but implied (apt's bare name means the native architecture):
     *                   messages name the job as the user wrote it
     */
    record Install(String name, VersionConstraint constraint, String arch, String source, boolean archImplied)
            implements Job {
        public Install {
            Objects.requireNonNull(name, "name");
        }

        public Install(String name, VersionConstraint constraint, String arch, String source) {
            this(name, constraint, arch, source, false);
        }

        public static Install of(String name) {
            return new Install(name, null, null, null);
        }
    }

    /** Install exactly this build (a local package file, or one the user picked). */
    record InstallExactly(Candidate candidate) implements Job {
        public InstallExactly {
            Objects.requireNonNull(candidate, "candidate");
        }
    }

    /** Reinstall the installed build of {@code name}. */
    record Reinstall(String name) implements Job {
        public Reinstall {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Remove {@code name} (all architectures when {@code arch} is null), and whatever cannot stay without it;
     * {@code archImplied}: {@code arch} was not typed but implied (apt's bare name is the native package), so
     * messages name the job as the user wrote it.
     */
    record Remove(String name, String arch, boolean archImplied) implements Job {
        public Remove {
            Objects.requireNonNull(name, "name");
        }

        public Remove(String name, String arch) {
            this(name, arch, false);
        }
    }

    /**
     * Upgrade installed packages ({@code names} empty: all). With {@code allowChanges} false it is apt's
     * {@code upgrade}: nothing new installed, nothing removed, except for the names in {@code repairs}, which
     * {@code apt-get -f upgrade} may install or remove to repair broken packages first; true is
     * {@code dist-upgrade}/{@code full-upgrade}.
     */
    record Upgrade(List<String> names, boolean allowChanges, Set<String> repairs) implements Job {
        public Upgrade {
            names = List.copyOf(names);
            repairs = Set.copyOf(repairs);
        }

        public Upgrade(List<String> names, boolean allowChanges) {
            this(names, allowChanges, Set.of());
        }

        /** This upgrade, allowed to install or remove {@code names} as well. */
        public Upgrade withRepairs(Set<String> names) {
            return new Upgrade(this.names, allowChanges, names);
        }
    }

    /** Remove automatically installed packages nothing manually installed needs any more. */
    record Autoremove() implements Job { }
}
