package dev.peerget.engine.plan;

import dev.peerget.engine.EngineException;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.LocalPackageFile;
import dev.peerget.resolver.Candidate;
import java.nio.file.Path;
import java.util.List;
import dev.peerget.model.Op;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.VersionConstraint;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Universe;

/**
 * Turns what users type into jobs, the way apt-get and dnf read it: {@code name}, {@code name:arch},
 * {@code name=version} and {@code name/suite} (apt); {@code name.arch}, {@code name-[epoch:]version-release.arch},
 * {@code name-[epoch:]version-release} and {@code name-version} (dnf's NEVRA forms, most specific first, tried on
 * RPM systems only when no package has the whole string as its name); and local {@code .deb}/{@code .rpm} files.
 */
public final class PackageSpecs {
    /** The source of a candidate read from a file named on the command line. */
    private static final String LOCAL_FILE = "local file ";

    private PackageSpecs() {
    }

    /**
     * Whether {@code candidate} is a package file named on the command line ({@code ./foo.deb}), installed from
     * where it is, rather than a repository's package, which must be fetched and verified.
     */
    public static boolean isLocalFile(Candidate candidate) {
        return candidate.source().startsWith(LOCAL_FILE) && candidate.preference() == Integer.MAX_VALUE;
    }

    /**
     * The job for a local package file ({@code ./foo.deb}, {@code /tmp/bar.rpm}): exactly that build, preferred
     * over every repository's.
     */
    public static Job.InstallExactly installFile(String spec, PackageFormat format, String rpmCommand) {
        PackageRecord record = LocalPackageFile.read(Path.of(spec), rpmCommand);
        if (record.format() != format) {
            throw new EngineException(spec + " is a " + record.format().id() + " package, but this system's packages "
                    + "are " + format.id(), "install it on a " + record.format().id() + " system");
        }
        return new Job.InstallExactly(new Candidate(record, LOCAL_FILE + spec, Integer.MAX_VALUE, false, false));
    }

    /** The install job for {@code spec}, checking against {@code universe} that something matches. */
    public static Job.Install install(String spec, PackageFormat format, Universe universe) {
        return install(spec, format, universe, null);
    }

    /**
     * The install job for {@code spec}; a Debian name without {@code :arch} means the build of {@code nativeArch}
     * (or {@code all}) when there is one, as apt-get reads it: {@code install libc6} next to an installed or planned
     * {@code libc6:i386} installs {@code libc6:amd64}. Only a name built for foreign architectures alone is left to
     * the best of them.
     */
    public static Job.Install install(String spec, PackageFormat format, Universe universe, String nativeArch) {
        Job.Install job = install0(spec, format, universe);
        if (format != PackageFormat.DEB || nativeArch == null || job.arch() != null) {
            return job;
        }
        // Both (a package that moved between any and all): no filter, the ranking prefers them over foreign ones.
        String arch = nativeBuild(universe.named(job.name()), nativeArch, false);
        return arch == null ? job : new Job.Install(job.name(), job.constraint(), arch, job.source(), true);
    }

    /**
     * The architecture a bare Debian name stands for, as apt's FindPreferredPkg picks it: {@code nativeArch} when a
     * build of it exists, else {@code all}; null when only foreign builds exist (any of them may be meant), or, unless
     * {@code byInstalled}, when both exist. With {@code byInstalled} the installed one of both decides.
     */
    private static String nativeBuild(List<Candidate> builds, String nativeArch, boolean byInstalled) {
        boolean hasNative = false;
        boolean hasAll = false;
        String installed = null;
        for (Candidate c : builds) {
            String arch = c.record().arch();
            hasNative |= arch.equals(nativeArch);
            hasAll |= arch.equals("all");
            if (c.installed() && (arch.equals(nativeArch) || arch.equals("all"))) {
                installed = arch;
            }
        }
        if (hasNative != hasAll) {
            return hasNative ? nativeArch : "all";
        }
        return hasNative && byInstalled ? installed : null;
    }

    private static Job.Install install0(String spec, PackageFormat format, Universe universe) {
        if (format == PackageFormat.RPM && universe.named(spec).isEmpty() && universe.providers(spec).isEmpty()) {
            Job.Install nevra = dnfNevraForms(spec, universe);
            if (nevra != null) {
                return nevra;
            }
        }
        String name = spec;
        VersionConstraint constraint = null;
        String source = null;
        String arch = null;
        int eq = name.indexOf('=');
        if (eq > 0) {
            constraint = new VersionConstraint(Op.EQ, name.substring(eq + 1));
            name = name.substring(0, eq);
        }
        int slash = name.indexOf('/');
        if (slash > 0) {
            source = name.substring(slash + 1);
            name = name.substring(0, slash);
        }
        int colon = name.indexOf(':');
        if (colon > 0) {
            arch = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (universe.named(name).isEmpty() && universe.providers(name).isEmpty()) {
            Job.Install nevra = constraint == null && format == PackageFormat.RPM ? dnfStyle(name, universe) : null;
            if (nevra != null) {
                return new Job.Install(nevra.name(), nevra.constraint(), arch, source);
            }
            if (universe instanceof StoreUniverse store && store.hiddenByVersionLocks(name)) {
                throw new EngineException("All matches were filtered out by exclude filtering for argument: " + spec,
                        "dnf's versionlock plugin hides them: see 'dnf versionlock list' or the file named by "
                                + "locklist= in /etc/dnf/plugins/versionlock.conf");
            }
            if (universe instanceof StoreUniverse store && store.hiddenByPins(name)) {
                throw new EngineException("Package '" + name + "' has no installation candidate",
                        "apt's preferences (etc/apt/preferences, preferences.d) pin its versions below 0; see "
                                + "'peerget policy " + name + "'");
            }
            // Nothing is called so, provides it or ships it: apt's and dnf's own words, not a solver problem.
            throw new EngineException(format == PackageFormat.RPM ? "No match for argument: " + spec
                    : "Unable to locate package " + spec,
                    "check the spelling, or run 'peerget update' if the package was added recently");
        }
        if (source != null && constraint == null && universe instanceof StoreUniverse store) {
            // apt's pkg/release: that release's candidate version, from its repository.
            String release = source;
            String n = name;
            Candidate c = store.fromRelease(name, arch, release).orElseThrow(() -> new EngineException(
                    "Release '" + release + "' for '" + n + "' was not found",
                    "see the releases that have it with 'peerget policy " + n + "'"));
            return new Job.Install(name, new VersionConstraint(Op.EQ, c.record().version()), arch, c.source());
        }
        return new Job.Install(name, constraint, arch, source);
    }

    /**
     * dnf's forms with an architecture or an epoch, as hawkey tries them: {@code name-[epoch:]version-release.arch}
     * (NEVRA), {@code name.arch} (NA), then {@code name-epoch:version-release} (NEVR; without an epoch the
     * {@link #dnfStyle} fallback reads it). The architecture must be one a build of that name has, so that
     * {@code foo-1.2} (version 1.2) or a release such as {@code 1.fc39} is not taken for one; null when no form
     * names a package, and then {@code name:arch}, apt's form, is read as before.
     */
    private static Job.Install dnfNevraForms(String spec, Universe universe) {
        int dot = spec.lastIndexOf('.');
        if (dot > 0 && dot < spec.length() - 1) {
            String arch = spec.substring(dot + 1);
            String rest = spec.substring(0, dot);
            int version = versionDash(rest);
            if (version > 0 && hasArch(universe, rest.substring(0, version), arch)) {
                return new Job.Install(rest.substring(0, version),
                        new VersionConstraint(Op.EQ, rest.substring(version + 1)), arch, null);
            }
            if (hasArch(universe, rest, arch)) {
                return new Job.Install(rest, null, arch, null);
            }
        }
        int version = versionDash(spec);
        if (version > 0 && spec.substring(version + 1).matches("[0-9]+:.+")
                && !universe.named(spec.substring(0, version)).isEmpty()) {
            return new Job.Install(spec.substring(0, version), new VersionConstraint(Op.EQ,
                    spec.substring(version + 1)), null, null);
        }
        return null;
    }

    /** In {@code name-[epoch:]version-release}, the index of the dash before the version; -1 for none. */
    private static int versionDash(String nevr) {
        int release = nevr.lastIndexOf('-');
        return release > 0 ? nevr.lastIndexOf('-', release - 1) : -1;
    }

    private static boolean hasArch(Universe universe, String name, String arch) {
        return universe.named(name).stream().anyMatch(c -> c.record().arch().equals(arch));
    }

    /** dnf's {@code name-version[-release]}: the longest prefix that is a package name. */
    private static Job.Install dnfStyle(String spec, Universe universe) {
        int dash = spec.lastIndexOf('-');
        while (dash > 0) {
            String name = spec.substring(0, dash);
            if (!universe.named(name).isEmpty()) {
                return new Job.Install(name, new VersionConstraint(Op.EQ, spec.substring(dash + 1)), null, null);
            }
            dash = spec.lastIndexOf('-', dash - 1);
        }
        return null;
    }

    /**
     * The remove job for {@code name} or {@code name:arch}, checking against {@code universe} that the name is
     * known at all: a name no repository has and nothing installed is called or provides is apt's "Unable to
     * locate package" (dnf: "No match for argument"), an error; a known name that is not installed (its
     * configuration files may be left, which purge deletes) is only a notice (see {@link PlanNotice.NotInstalled}).
     */
    public static Job.Remove remove(String spec, PackageFormat format, Universe universe) {
        return remove(spec, format, universe, null);
    }

    /**
     * The remove job for {@code spec}; a Debian name without {@code :arch} is the package of {@code nativeArch} (or
     * {@code all}) when there is one, as for apt-get: {@code remove libc6} leaves {@code libc6:i386} installed, and
     * says "not installed" when only that one is. A name built for foreign architectures alone removes them.
     */
    public static Job.Remove remove(String spec, PackageFormat format, Universe universe, String nativeArch) {
        Job.Remove job = remove0(spec, format, universe);
        if (format != PackageFormat.DEB || nativeArch == null || job.arch() != null) {
            return job;
        }
        String arch = nativeBuild(universe.named(job.name()), nativeArch, true);
        return arch == null ? job : new Job.Remove(job.name(), arch, true);
    }

    private static Job.Remove remove0(String spec, PackageFormat format, Universe universe) {
        Job.Remove job = remove(spec);
        if (universe.named(job.name()).isEmpty() && universe.providers(job.name()).isEmpty()
                && !(universe instanceof StoreUniverse store
                        && (store.hiddenByPins(job.name()) || store.hiddenByVersionLocks(job.name())
                                || !store.configFilesOnly(job.name()).isEmpty()))) {
            throw new EngineException(format == PackageFormat.RPM ? "No match for argument: " + spec
                    : "Unable to locate package " + spec,
                    "check the spelling; 'peerget list --installed' shows what is installed");
        }
        return job;
    }

    /** The remove job for {@code name} or {@code name:arch}. */
    public static Job.Remove remove(String spec) {
        int colon = spec.indexOf(':');
        return colon > 0 ? new Job.Remove(spec.substring(0, colon), spec.substring(colon + 1))
                : new Job.Remove(spec, null);
    }
}
