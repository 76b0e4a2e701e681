package dev.peerget.engine.query;

import dev.peerget.cache.StoredPackage;
import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.config.AptPins;
import dev.peerget.engine.config.ConfiguredRepositories;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.VersionScheme;
import dev.peerget.repo.deb.AptSource;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The read-only questions: search, show, list and policy. Not thread-safe. */
public final class PackageQueries {
    private final PackageCatalog catalog;

    public PackageQueries(PackageCatalog catalog) {
        this.catalog = catalog;
    }

    /** Candidates of the packages matching every term (see {@link dev.peerget.cache.MetadataStore#search}). */
    public List<SearchHit> search(List<String> terms, boolean namesOnly) {
        Map<String, List<AvailablePackage>> byNameArch = new LinkedHashMap<>();
        for (StoredPackage p : catalog.store().search(terms, namesOnly)) {
            AvailablePackage a = catalog.wrap(p);
            if (catalog.architectures().preference(a.record().arch()) < 0) {
                continue;
            }
            byNameArch.computeIfAbsent(a.record().name() + ":" + a.record().arch(), k -> new ArrayList<>()).add(a);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (List<AvailablePackage> versions : byNameArch.values()) {
            String name = versions.get(0).record().name();
            String arch = versions.get(0).record().arch();
            InstalledPackage inst = installedOf(name, arch);
            catalog.candidate(versions, arch, inst).ifPresent(c -> hits.add(new SearchHit(c,
                    inst != null && inst.isInstalled() && inst.record().version().equals(c.record().version()))));
        }
        return hits;
    }

    /** Every available version of {@code name}, newest first, with relations; fails when there is none. */
    public List<AvailablePackage> show(String name) {
        List<AvailablePackage> versions = catalog.available(name, true);
        if (versions.isEmpty()) {
            throw unknown(name);
        }
        // A repository lists an 'all' package in every architecture's Packages: one version, shown once, as by
        // apt-cache show (policy keeps every index, as apt-cache policy does).
        java.util.Set<String> shown = new java.util.HashSet<>();
        return versions.stream().filter(v -> shown.add(v.record().id() + "\0" + v.repository().id())).toList();
    }

    /**
     * {@code provides} (dnf provides): the available packages that provide {@code capability} by name, through a
     * Provides entry, or by shipping it as a file (RPM filelists; Debian indexes list no files). A bare name that
     * nothing provides is looked up as a command too ({@code /usr/bin/NAME}, {@code /usr/sbin/NAME},
     * {@code /bin/NAME}, {@code /sbin/NAME}), as dnf does. Keyed by what matched; fails when nothing does.
     */
    public Map<String, List<AvailablePackage>> provides(String capability) {
        List<String> tries = new ArrayList<>(List.of(capability));
        if (!capability.contains("/")) {
            for (String dir : List.of("/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/")) {
                tries.add(dir + capability);
            }
        }
        Map<String, List<AvailablePackage>> out = new LinkedHashMap<>();
        for (String t : tries) {
            List<AvailablePackage> found = catalog.store().providers(t, false).stream().map(catalog::wrap).toList();
            if (!found.isEmpty()) {
                out.put(t, found);
            }
            if (!out.isEmpty() && t.equals(capability)) {
                break;
            }
        }
        if (out.isEmpty()) {
            throw new EngineException("No matches found for '" + capability + "'", "check the spelling; Debian "
                    + "indexes list no files, so only package names and Provides match there");
        }
        return out;
    }

    /**
     * One entry of {@code policy} without arguments: a Packages index (or a yum repository, or dpkg's database)
     * and its priority.
     *
     * @param priority  apt's pin priority, dnf's repository priority
     * @param source    what apt prints: {@code URI SUITE/COMPONENT ARCH Packages}, a yum repository's label and name
     * @param release   apt's release line ({@code o=Debian,a=stable,n=bookworm,l=Debian,c=main,b=amd64}, the
     *                  fields pins match, empty ones left out); {@code priority=P,cost=C} for yum
     * @param origin    the repository's host ({@code Pin: origin}), empty when it has none
     * @param component apt component ({@code main}), empty for flat, yum and dpkg's database
     * @param arch      the index's architecture ({@code amd64}), empty for yum and dpkg's database
     */
    public record SourcePolicy(int priority, String source, String release, String origin, String component,
                               String arch) {
        public SourcePolicy {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(release, "release");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(arch, "arch");
        }
    }

    /**
     * {@code policy} without arguments (apt-cache policy): dpkg's database (100) when Debian packages are
     * installed, then every stored repository: for apt one entry per Packages index update fetches (each
     * component of its sources entry times each architecture it names, else the system's), with its priority,
     * the Release fields pins match and the host ({@code Pin: origin}); for yum dnf's priority and cost.
     *
     * @param targets the configured apt sources, to know each stored repository's components and architectures;
     *                a stored repository no longer configured gets one entry for the whole repository
     */
    public List<SourcePolicy> sources(List<AptSource.Target> targets) {
        Map<String, AptSource.Target> byKey = new LinkedHashMap<>();
        for (AptSource.Target t : targets) {
            byKey.putIfAbsent(ConfiguredRepositories.key(t), t);
        }
        List<SourcePolicy> out = new ArrayList<>();
        if (catalog.allInstalled().stream().anyMatch(p -> p.record().format() == PackageFormat.DEB)) {
            out.add(new SourcePolicy(PackageCatalog.INSTALLED_PIN, catalog.dpkgStatusFile(), "a=now", "", "", ""));
        }
        for (var repo : catalog.repositories().values().stream()
                .sorted(java.util.Comparator.comparingLong(r -> r.id())).toList()) {
            var info = repo.info();
            if (info.format() == PackageFormat.DEB) {
                AptSource.Target target = byKey.get(info.key());
                if (target == null) {
                    out.add(aptIndex(repo, info.name(), "", ""));
                    continue;
                }
                List<String> archs = target.architectures().isEmpty()
                        ? catalog.architectures().debIndexArchitectures() : target.architectures();
                for (String component : target.isFlat() ? List.of("") : target.components()) {
                    for (String arch : archs) {
                        out.add(aptIndex(repo, info.name() + (target.isFlat() ? " Packages"
                                : "/" + component + " " + arch + " Packages"), component, arch));
                    }
                }
            } else {
                out.add(new SourcePolicy(info.priority(), info.label() + " (" + info.name() + ")",
                        "priority=" + info.priority() + ",cost=" + info.cost(), "", "", ""));
            }
        }
        return out;
    }

    /** apt's entry for one index; the release fields in apt's order (pkgCache::PkgFileIterator::RelStr). */
    private SourcePolicy aptIndex(StoredRepository repo, String source, String component, String arch) {
        var info = repo.info();
        StringBuilder release = new StringBuilder();
        for (String[] f : new String[][] {{"v", info.releaseVersion()}, {"o", info.origin()}, {"a", info.archive()}, {"n", info.codename()},
                {"l", info.label()}, {"c", component}, {"b", arch}}) {
            if (!f[1].isEmpty()) {
                release.append(release.isEmpty() ? "" : ",").append(f[0]).append('=').append(f[1]);
            }
        }
        return new SourcePolicy(catalog.indexPriority(repo, component, arch), source, release.toString(),
                AptPins.host(info.baseUri()), component, arch);
    }

    /** {@code policy} without PKG, after the indexes: the versions pinned by records naming their package. */
    public List<PinnedVersion> pinned() {
        return catalog.pinnedVersions();
    }

    /** The installed packages of {@code name} (for show on a package no repository has). */
    public List<InstalledPackage> installed(String name) {
        return catalog.installed(name);
    }

    /**
     * {@code policy PKG} for {@code spec} ({@code NAME}, or {@code NAME:ARCH} for Debian): apt-cache policy's table
     * of the Debian package, then one table per architecture of the RPM packages; empty when nothing has the name
     * (apt-cache policy then prints nothing).
     *
     * @param targets the configured apt sources (apt's order of indexes, the architectures each one fetches)
     */
    public List<Policy> policy(String spec, List<AptSource.Target> targets) {
        return new PolicyTables(catalog).policy(spec, targets);
    }

    /**
     * What {@code download} fetches for a spec, like {@code apt-get download}: {@code name}, {@code name:arch},
     * {@code name=version} (or {@code name-version} for RPM): the candidate version, or exactly that version; no
     * dependencies. Fails naming the spec when nothing matches.
     */
    public AvailablePackage downloadCandidate(String spec) {
        String name = spec;
        String version = null;
        String arch = null;
        int eq = name.indexOf('=');
        if (eq > 0) {
            version = name.substring(eq + 1);
            name = name.substring(0, eq);
        }
        int colon = name.indexOf(':');
        if (colon > 0) {
            arch = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        List<AvailablePackage> versions = catalog.available(name, false);
        if (versions.isEmpty() && version == null) {
            // dnf download NAME-VERSION[-RELEASE]: the longest prefix that is a package name.
            for (int dash = name.lastIndexOf('-'); dash > 0; dash = name.lastIndexOf('-', dash - 1)) {
                List<AvailablePackage> prefix = catalog.available(name.substring(0, dash), false);
                if (!prefix.isEmpty()) {
                    version = name.substring(dash + 1);
                    name = name.substring(0, dash);
                    versions = prefix;
                    break;
                }
            }
        }
        if (versions.isEmpty()) {
            throw unknown(name);
        }
        List<InstalledPackage> inst = catalog.installed(name);
        List<String> archs = arch != null ? List.of(arch) : catalog.architecturesOf(versions, inst);
        for (String a : archs) {
            if (version != null) {
                String wanted = version;
                Optional<AvailablePackage> exact = versions.stream().filter(v -> v.record().arch().equals(a)
                        && (v.record().version().equals(wanted) || v.record().version().startsWith(wanted + "-")))
                        .findFirst();
                if (exact.isPresent()) {
                    return exact.get();
                }
                continue;
            }
            InstalledPackage installedOne = inst.stream().filter(i -> i.record().arch().equals(a)).findFirst()
                    .orElse(null);
            Optional<AvailablePackage> candidate = catalog.candidate(versions, a, installedOne);
            if (candidate.isPresent()) {
                return candidate.get();
            }
        }
        throw new EngineException("no version of " + name + (version != null ? " matches " + version : "")
                + (arch != null ? " for architecture " + arch : "") + " in the stored repositories",
                "see 'peerget policy " + name + "' for the versions there are");
    }

    /** dnf's {@code downgrade NAME…}: see {@link DowngradeRequest}; marks are read under {@code layout}'s root. */
    public DowngradeRequest downgrade(dev.peerget.model.Layout layout, List<String> names) {
        return DowngradeRequest.of(catalog, layout, names);
    }

    /** {@code list}: entries sorted by name, filtered by a shell glob over names (null for all). */
    public List<ListEntry> list(ListMode mode, String glob) {
        Predicate<String> nameMatches = glob == null ? n -> true : globMatcher(glob);
        Map<String, List<AvailablePackage>> byName = new TreeMap<>();
        catalog.store().forEachPackageBrief(glob == null ? "" : literalPrefix(glob), p -> {
            if (nameMatches.test(p.record().name())) {
                byName.computeIfAbsent(p.record().name(), k -> new ArrayList<>()).add(catalog.wrap(p));
            }
        });
        Map<String, List<InstalledPackage>> installedByName = new TreeMap<>();
        for (InstalledPackage i : catalog.allInstalled()) {
            if (i.isInstalled() && nameMatches.test(i.record().name())) {
                installedByName.computeIfAbsent(i.record().name(), k -> new ArrayList<>()).add(i);
            }
        }
        TreeMap<String, Boolean> names = new TreeMap<>();
        byName.keySet().forEach(n -> names.put(n, true));
        installedByName.keySet().forEach(n -> names.put(n, true));
        List<ListEntry> out = new ArrayList<>();
        for (String name : names.keySet()) {
            List<AvailablePackage> versions = byName.getOrDefault(name, List.of());
            List<InstalledPackage> inst = installedByName.getOrDefault(name, List.of());
            for (String arch : catalog.architecturesOf(versions, inst)) {
                InstalledPackage installedOne = inst.stream().filter(i -> i.record().arch().equals(arch))
                        .findFirst().orElse(null);
                Optional<AvailablePackage> candidate = catalog.candidate(versions, arch, installedOne);
                String upgradable = null;
                if (installedOne != null && candidate.isPresent()) {
                    VersionScheme scheme = PackageCatalog.scheme(installedOne.record().format());
                    if (scheme.compare(candidate.get().record().version(), installedOne.record().version()) > 0) {
                        upgradable = candidate.get().record().version();
                    }
                }
                addEntries(mode, out, name, arch, versions, installedOne, candidate, upgradable);
            }
        }
        return out;
    }

    private static void addEntries(ListMode mode, List<ListEntry> out, String name, String arch,
                                   List<AvailablePackage> versions, InstalledPackage installedOne,
                                   Optional<AvailablePackage> candidate, String upgradable) {
        switch (mode) {
            case INSTALLED -> {
                if (installedOne != null) {
                    String origin = versions.stream()
                            .filter(v -> v.record().arch().equals(arch)
                                    && v.record().version().equals(installedOne.record().version()))
                            .map(AvailablePackage::origin).findFirst().orElse("");
                    out.add(new ListEntry(name, installedOne.record().version(), arch, origin, installedOne, upgradable));
                }
            }
            case UPGRADABLE -> {
                if (upgradable != null) {
                    out.add(new ListEntry(name, upgradable, arch, candidate.get().origin(), installedOne, upgradable));
                }
            }
            case AVAILABLE -> {
                if (candidate.isPresent()) {
                    out.add(new ListEntry(name, candidate.get().record().version(), arch, candidate.get().origin(),
                            installedOne, upgradable));
                } else if (installedOne != null) {
                    out.add(new ListEntry(name, installedOne.record().version(), arch, "", installedOne, null));
                }
            }
            case ALL_VERSIONS -> {
                // A version a repository lists in several indexes (an 'all' package in every architecture's
                // Packages) is one version, listed once, as by apt list -a.
                java.util.Set<String> listed = new java.util.HashSet<>();
                for (AvailablePackage v : versions) {
                    if (v.record().arch().equals(arch) && listed.add(v.record().version() + '\0' + v.origin())) {
                        out.add(new ListEntry(name, v.record().version(), arch, v.origin(), installedOne, upgradable));
                    }
                }
                if (installedOne != null && versions.stream().noneMatch(v -> v.record().arch().equals(arch)
                        && v.record().version().equals(installedOne.record().version()))) {
                    out.add(new ListEntry(name, installedOne.record().version(), arch, "", installedOne, null));
                }
            }
        }
    }

    private InstalledPackage installedOf(String name, String arch) {
        return catalog.installed(name).stream().filter(i -> i.record().arch().equals(arch)).findFirst().orElse(null);
    }

    /** The part of {@code glob} before its first special character: every match starts with it. */
    private static String literalPrefix(String glob) {
        int i = 0;
        while (i < glob.length() && "*?[{\\".indexOf(glob.charAt(i)) < 0) {
            i++;
        }
        return glob.substring(0, i);
    }

    private static Predicate<String> globMatcher(String glob) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        return name -> m.matches(Path.of(name));
    }

    private static EngineException unknown(String name) {
        return new EngineException("Unable to locate package " + name,
                "check the spelling, or run 'peerget update' if the package was added recently");
    }
}
