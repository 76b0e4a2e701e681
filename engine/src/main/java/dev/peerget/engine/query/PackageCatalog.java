package dev.peerget.engine.query;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.StoredPackage;
import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.config.AptPins;
import dev.peerget.engine.config.Architectures;
import dev.peerget.engine.installed.InstalledDatabase;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.VersionScheme;
import dev.peerget.repo.VersionSchemes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "which versions of X exist, which is installed, which would be installed" over the metadata store
 * and the installed databases, with apt's and dnf's candidate rules:
 * apt picks, newest first, the first version of the highest priority, and never moves an installed package to
 * a lower version unless pinned at 1000 or more (apt_preferences(5), {@link AptPins#candidate}); dnf picks the repository with the best (lowest)
 * priority, then the highest EVR. Not thread-safe.
 */
public final class PackageCatalog {
    /** apt's priority of the installed version (apt_preferences(5)). */
    public static final int INSTALLED_PIN = AptPins.STATUS_FILE_PIN;

    private final MetadataStore store;
    private final InstalledDatabase installed;
    private final Architectures architectures;
    private final AptPins pins;
    private Map<Long, StoredRepository> repositories;

    /** @param pins apt's pin priorities (preference files) for Debian versions */
    public PackageCatalog(MetadataStore store, InstalledDatabase installed, Architectures architectures, AptPins pins) {
        this.store = store;
        this.installed = installed;
        this.architectures = architectures;
        this.pins = pins;
    }

    public Map<Long, StoredRepository> repositories() {
        if (repositories == null) {
            repositories = new HashMap<>();
            for (StoredRepository r : store.repositories()) {
                repositories.put(r.id(), r);
            }
        }
        return repositories;
    }

    /**
     * apt's priority of one Packages index of a repository (Debian; empty {@code component} and {@code arch}: the
     * repository as a whole), or dnf's repository priority (RPM).
     */
    public int indexPriority(StoredRepository repo, String component, String arch) {
        return repo.info().format() == PackageFormat.DEB ? pins.indexPriority(repo, component, arch)
                : repo.info().priority();
    }

    public AvailablePackage wrap(StoredPackage p) {
        StoredRepository repo = repositories().get(p.repositoryId());
        int priority = p.record().format() == PackageFormat.DEB ? pins.priority(p.record(), repo, p.component())
                : repo.info().priority();
        return new AvailablePackage(p.record(), repo, p.component(), priority);
    }

    /**
     * apt-cache policy's "Pinned packages": every Debian version, available or installed, that a record naming
     * its package pins, by name and then newest version first (apt walks its cache's hash order, which nothing
     * outside apt can reproduce). Reads the whole store only when some record names packages.
     */
    public List<PinnedVersion> pinnedVersions() {
        if (!pins.pinsPackages()) {
            return List.of();
        }
        // Each (name, arch, version) with the indexes listing it: apt's pin belongs to the version, not an index.
        Map<List<String>, List<AptPins.Listing>> listings = new java.util.TreeMap<>(Comparator
                .<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1))
                .thenComparing((a, b) -> -scheme(PackageFormat.DEB).compare(a.get(2), b.get(2))));
        Map<List<String>, PackageRecord> records = new HashMap<>();
        store.forEachPackageBrief("", p -> {
            if (p.record().format() == PackageFormat.DEB) {
                StoredRepository repo = repositories().get(p.repositoryId());
                var key = List.of(p.record().name(), p.record().arch(), p.record().version());
                listings.computeIfAbsent(key, k -> new ArrayList<>()).add(new AptPins.Listing(repo, p.component(),
                        p.record().arch()));
                records.putIfAbsent(key, p.record());
            }
        });
        java.util.Set<List<String>> installedKeys = new java.util.HashSet<>();
        for (InstalledPackage i : installed.packages(PackageFormat.DEB)) {
            if (i.isPresent()) {
                var key = List.of(i.record().name(), i.record().arch(), i.record().version());
                installedKeys.add(key);
                listings.computeIfAbsent(key, k -> new ArrayList<>());
                records.putIfAbsent(key, i.record());
            }
        }
        List<PinnedVersion> out = new ArrayList<>();
        listings.forEach((key, where) -> pins.packagePin(records.get(key), where, installedKeys.contains(key))
                .ifPresent(priority -> out.add(new PinnedVersion(aptName(key.get(0), key.get(1)), key.get(2),
                        priority))));
        return out;
    }

    /** {@code pkgCache::PkgIterator::FullName(true)}: the architecture only when foreign (not native, not all). */
    private String aptName(String name, String arch) {
        return arch.equals("all") || arch.equals(architectures.nativeDeb()) ? name : name + ":" + arch;
    }

    /** Every available version called {@code name}, newest first. */
    public List<AvailablePackage> available(String name, boolean full) {
        List<AvailablePackage> out = new ArrayList<>();
        for (StoredPackage p : store.packagesNamed(name, full)) {
            out.add(wrap(p));
        }
        out.sort((a, b) -> -scheme(a.record().format()).compare(a.record().version(), b.record().version()));
        return out;
    }

    /** Installed packages called {@code name} (one per architecture). */
    public List<InstalledPackage> installed(String name) {
        return installed.packages().stream().filter(p -> p.record().name().equals(name)).toList();
    }

    /** dpkg's status file under the root, as apt names the index of installed versions. */
    public String dpkgStatusFile() {
        return installed.dpkgStatusFile().toString();
    }

    /** apt's pins, for the priorities {@code policy} shows. */
    public AptPins pins() {
        return pins;
    }

    public List<InstalledPackage> allInstalled() {
        return installed.packages();
    }

    /** The pin priority (apt) or repository priority (dnf) of a version's source. */
    public static int priority(AvailablePackage p) {
        return p.priority();
    }

    /**
     * The version that install would choose for {@code name} on {@code arch}, considering {@code versions}
     * (all available versions of that name) and the installed one.
     */
    public Optional<AvailablePackage> candidate(List<AvailablePackage> versions, String arch,
                                                InstalledPackage installedOne) {
        return candidateAmong(versions.stream().filter(v -> v.record().arch().equals(arch)).toList(), installedOne);
    }

    /**
     * {@link #candidate} among versions already narrowed to one package (apt's: a name's native and {@code all}
     * builds together).
     */
    public Optional<AvailablePackage> candidateAmong(List<AvailablePackage> versions, InstalledPackage installedOne) {
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        PackageFormat format = versions.get(0).record().format();
        if (format == PackageFormat.DEB) {
            return aptCandidate(versions, installedOne);
        }
        VersionScheme scheme = scheme(format);
        Comparator<AvailablePackage> byVersion = (a, b) -> scheme.compare(a.record().version(), b.record().version());
        return versions.stream().max(Comparator.comparingInt((AvailablePackage p) -> -priority(p))
                .thenComparing(byVersion));
    }

    /**
     * apt's candidate ({@link AptPins#candidate}) among the builds of one Debian package, each version with its
     * own priority ({@link AptPins#versionPriority}); empty when it is the installed version and no repository
     * has that, or when no version has a priority above 0.
     */
    private Optional<AvailablePackage> aptCandidate(List<AvailablePackage> versions, InstalledPackage installedOne) {
        VersionScheme scheme = scheme(PackageFormat.DEB);
        String current = installedOne != null && installedOne.isPresent() ? installedOne.record().version() : null;
        Map<String, List<AvailablePackage>> byVersion = new java.util.TreeMap<>((a, b) -> scheme.compare(b, a));
        versions.forEach(v -> byVersion.computeIfAbsent(v.record().version(), k -> new ArrayList<>()).add(v));
        if (current != null) {
            byVersion.computeIfAbsent(current, k -> new ArrayList<>());
        }
        return AptPins.candidate(new ArrayList<>(byVersion.keySet()), v -> {
            List<AvailablePackage> listed = byVersion.get(v);
            PackageRecord record = listed.isEmpty() ? installedOne.record() : listed.get(0).record();
            List<AptPins.Listing> listings = listed.stream()
                    .map(a -> new AptPins.Listing(a.repository(), a.component(), a.record().arch())).toList();
            return pins.versionPriority(record, listings, v.equals(current));
        }, v -> v.equals(current)).flatMap(v -> byVersion.get(v).stream()
                .max(Comparator.comparingInt(PackageCatalog::priority)));
    }

    /** The architectures a name is available or installed in, best-preferred first. */
    public List<String> architecturesOf(List<AvailablePackage> versions, List<InstalledPackage> installedOnes) {
        List<String> archs = new ArrayList<>();
        for (InstalledPackage i : installedOnes) {
            if (!archs.contains(i.record().arch())) {
                archs.add(i.record().arch());
            }
        }
        for (AvailablePackage v : versions) {
            if (!archs.contains(v.record().arch()) && architectures.preference(v.record().arch()) >= 0) {
                archs.add(v.record().arch());
            }
        }
        archs.sort(Comparator.comparingInt(architectures::preference).reversed());
        return archs;
    }

    public static VersionScheme scheme(PackageFormat format) {
        return VersionSchemes.of(format);
    }

    public MetadataStore store() {
        return store;
    }

    public Architectures architectures() {
        return architectures;
    }
}
