package dev.peerget.engine.plan;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.StoredPackage;
import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.EngineContext;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.config.AptPins;
import dev.peerget.engine.config.Architectures;
import dev.peerget.engine.config.ToolDefaults;
import dev.peerget.engine.installed.InstalledDatabase;
import dev.peerget.model.FormatRules;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageId;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.rpm.VersionLockList;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Universe;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resolver's view of one package format under a root: the packages of the metadata store (loaded by name
 * as the resolver asks, and cached) merged with the installed packages. A build that is both installed and in
 * a repository is one candidate, marked installed. Builds for architectures the system cannot run are left
 * out. Not thread-safe.
 */
public final class StoreUniverse implements Universe {
    /** Source name of builds that only the installed database knows. */
    public static final String SYSTEM = "@System";
    /** Names per prefetch query: large enough to amortise a statement, small enough for SQLite's planner. */
    private static final int PREFETCH_BATCH = 500;

    private final PackageFormat format;
    private final FormatRules rules;
    private final MetadataStore store;
    private final Architectures architectures;
    private final Map<Long, StoredRepository> repositories;
    private final Map<PackageId, Candidate> installed = new LinkedHashMap<>();
    private final Map<PackageId, Candidate> canonical = new HashMap<>();
    private final Map<String, List<Candidate>> namedCache = new HashMap<>();
    private final Map<String, List<Candidate>> providersCache = new HashMap<>();
    private final Map<String, List<Candidate>> supplementersCache = new HashMap<>();
    private final Map<String, List<Candidate>> obsoletersCache = new HashMap<>();
    /** Installed candidates by every name they can be found under: own name, provides, files. */
    private final Map<String, List<Candidate>> installedByCapability = new HashMap<>();
    private final VersionLockList versionLocks;
    private final AptPins pins;
    /** Names of stored packages that {@link #versionLocks} or negative {@link #pins} hid (seen so far). */
    private final Set<String> lockedOut = new java.util.HashSet<>();
    private final Set<String> pinnedOut = new java.util.HashSet<>();
    /** Whether {@link #installed} has read the installed packages' names from the store once. */
    private boolean installedMerged;
    /** Removed packages of which only configuration files remain (dpkg's config-files), by name. */
    private final Map<String, List<PackageRecord>> configFilesOnly = new HashMap<>();

    public StoreUniverse(PackageFormat format, FormatRules rules, MetadataStore store, Architectures architectures,
                         Map<Long, StoredRepository> repositories, List<InstalledPackage> installedPackages) {
        this(format, rules, store, architectures, repositories, installedPackages, Set.of(), VersionLockList.EMPTY,
                AptPins.DEFAULTS);
    }

    /**
     * @param protectedNames installed packages that must never be removed besides the Essential ones (dnf's
     *                       protected packages)
     * @param versionLocks   what dnf's versionlock plugin lets be installed or upgraded to
     * @param pins           apt's pin priorities of Debian versions (preference files)
     */
    public StoreUniverse(PackageFormat format, FormatRules rules, MetadataStore store, Architectures architectures,
                         Map<Long, StoredRepository> repositories, List<InstalledPackage> installedPackages,
                         Set<String> protectedNames, VersionLockList versionLocks, AptPins pins) {
        this.versionLocks = versionLocks;
        this.pins = pins;
        this.format = format;
        this.rules = rules;
        this.store = store;
        this.architectures = architectures;
        this.repositories = repositories;
        for (InstalledPackage p : installedPackages) {
            if (p.isConfigFilesOnly() && p.record().format() == format) {
                configFilesOnly.computeIfAbsent(p.record().name(), k -> new ArrayList<>()).add(p.record());
            }
            // A package a failed or interrupted dpkg run left unfinished is installed for planning (apt gives it a
            // current version): remove, purge and an upgrade to a fixed version must find it.
            if (p.isPresent() && p.record().format() == format) {
                PackageRecord r = p.record();
                int preference = format == PackageFormat.DEB ? pins.versionPriority(r, List.of(), true)
                        : installedOnlyPreference();
                Candidate c = new Candidate(r, SYSTEM, preference, true,
                        r.essential() || protectedNames.contains(r.name()));
                installed.put(r.id(), c);
                index(r.name(), c);
                r.provides().forEach(provide -> index(provide.name(), c));
                r.files().forEach(f -> index(f, c));
            }
        }
    }

    /**
     * The universe of {@code format} under {@code context}'s root: every stored repository, the installed
     * packages, and the format's rules for the system's architectures.
     */
    public static StoreUniverse of(EngineContext context, MetadataStore store, InstalledDatabase installed,
                                   PackageFormat format) {
        return of(context, store, installed, format, null);
    }

    /**
     * The same with {@code targetRelease} (a suite or codename, null for apt.conf's) as apt's default release.
     *
     * @throws EngineException when no repository has that release, as apt says
     */
    public static StoreUniverse of(EngineContext context, MetadataStore store, InstalledDatabase installed,
                                   PackageFormat format, String targetRelease) {
        Map<Long, StoredRepository> repos = new HashMap<>();
        for (StoredRepository r : store.repositories()) {
            repos.put(r.id(), r);
        }
        return new StoreUniverse(format, FormatRulesFactory.rules(format, context), store,
                context.architectures(), repos, installed.packages(),
                format == PackageFormat.RPM ? ProtectedPackages.read(context.layout()) : Set.of(),
                format == PackageFormat.RPM ? ToolDefaults.dnfVersionLocks(context.layout()) : VersionLockList.EMPTY,
                format == PackageFormat.DEB ? AptPins.forRepositories(context.layout(), repos.values(), targetRelease)
                        : AptPins.DEFAULTS);
    }

    @Override
    public FormatRules rules() {
        return rules;
    }

    @Override
    public List<Candidate> named(String name) {
        return namedCache.computeIfAbsent(name, n -> {
            List<Candidate> providers = providersCache.get(n);
            if (providers != null) { // a superset: everything called n, and what provides n
                return providers.stream().filter(c -> c.name().equals(n)).toList();
            }
            List<Candidate> out = candidates(store.packagesNamed(n, true));
            for (Candidate c : installedByCapability.getOrDefault(n, List.of())) {
                if (c.name().equals(n)) {
                    add(out, canonical(c));
                }
            }
            return canonicalList(out);
        });
    }

    /** Whether dnf's version locks hid packages called {@code name} that the repositories have. */
    boolean hiddenByVersionLocks(String name) {
        named(name);
        return lockedOut.contains(name);
    }

    /**
     * apt's {@code pkg/release}: the version of {@code name} (on {@code arch}, null for any) that the repositories
     * of {@code release} (a Release's Suite or Codename, or a sources.list distribution) would install: the highest
     * pin, then the highest version; empty when that release has none.
     */
    java.util.Optional<Candidate> fromRelease(String name, String arch, String release) {
        Set<String> sources = new java.util.HashSet<>();
        for (StoredRepository r : repositories.values()) {
            if (release.equals(r.info().archive()) || release.equals(r.info().codename())
                    || release.equals(r.info().suite())) {
                sources.add(r.info().name());
            }
        }
        var scheme = dev.peerget.repo.VersionSchemes.of(format);
        return named(name).stream()
                .filter(c -> sources.contains(c.source()) && (arch == null || arch.equals(c.record().arch())))
                .max(java.util.Comparator.comparingInt(Candidate::preference)
                        .thenComparing((a, b) -> scheme.compare(a.record().version(), b.record().version())));
    }

    /**
     * The removed packages called {@code name} of which only configuration files remain (dpkg's
     * {@code config-files}, "rc"): not installed for the resolver, but what {@code purge} may still purge.
     */
    List<PackageRecord> configFilesOnly(String name) {
        return List.copyOf(configFilesOnly.getOrDefault(name, List.of()));
    }

    /** Whether apt's preferences pinned versions called {@code name} below 0 (never installed). */
    boolean hiddenByPins(String name) {
        named(name);
        return pinnedOut.contains(name);
    }

    /**
     * The installed Debian names whose apt candidate ({@link AptPins#candidate}: older versions count only when
     * pinned at {@link AptPins#DOWNGRADE_PIN} or more) is lower than the installed version: apt installs it
     * "even if this constitutes a downgrade" (apt_preferences(5)) when a command targets the name. Empty, without
     * looking at the installed packages, when no pin is that high.
     */
    Set<String> pinnedDowngrades() {
        if (format != PackageFormat.DEB || !pins.mayForceDowngrades()) {
            return Set.of();
        }
        var scheme = dev.peerget.repo.VersionSchemes.of(format);
        Set<String> out = new java.util.TreeSet<>();
        for (Candidate i : installed()) {
            List<Candidate> newestFirst = named(i.name()).stream()
                    .filter(c -> c.record().arch().equals(i.record().arch()))
                    .sorted((a, b) -> scheme.compare(b.record().version(), a.record().version())).toList();
            AptPins.candidate(newestFirst, Candidate::preference, Candidate::installed)
                    .filter(best -> scheme.compare(best.record().version(), i.record().version()) < 0)
                    .ifPresent(best -> out.add(i.name()));
        }
        return out;
    }

    private void index(String capability, Candidate c) {
        List<Candidate> list = installedByCapability.computeIfAbsent(capability, k -> new ArrayList<>());
        if (!list.contains(c)) {
            list.add(c);
        }
    }

    @Override
    public List<Candidate> providers(String name) {
        return providersCache.computeIfAbsent(name, n -> providers(n, store.providers(n, true)));
    }

    @Override
    public void prefetch(Collection<String> names) {
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (!providersCache.containsKey(n)) {
                missing.add(n);
            }
        }
        for (int from = 0; from < missing.size(); from += PREFETCH_BATCH) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + PREFETCH_BATCH));
            store.providers(batch, true).forEach((n, stored) -> providersCache.put(n, providers(n, stored)));
        }
    }

    private List<Candidate> providers(String name, List<StoredPackage> stored) {
        List<Candidate> out = candidates(stored);
        for (Candidate c : installedByCapability.getOrDefault(name, List.of())) {
            add(out, canonical(c));
        }
        return canonicalList(out);
    }

    /**
     * The candidates of {@code out} as {@link #canonical} holds them once every row of a query is read: a build
     * that several repositories carry (or that is installed and in a repository) is one candidate, the one of
     * the highest preference, and all rows of one build come in the same query (they share name, provides and
     * files), so every list holds the same object for it.
     */
    private List<Candidate> canonicalList(List<Candidate> out) {
        List<Candidate> list = new ArrayList<>(out.size());
        for (Candidate c : out) {
            list.add(canonical.getOrDefault(c.id(), c));
        }
        return List.copyOf(list);
    }

    /**
     * {@inheritDoc} Debian has no Supplements, and apt never installs for Enhances, so Debian packages have
     * none (without asking the store once per name the slice visits). Cached per name.
     */
    @Override
    public List<Candidate> supplementers(String name) {
        return rpmOnly(supplementersCache, name, n -> store.supplementers(n, true));
    }

    /** {@inheritDoc} Debian has no Obsoletes (no query per name then). Cached per name. */
    @Override
    public List<Candidate> obsoleters(String name) {
        return rpmOnly(obsoletersCache, name, n -> store.obsoleters(n, true));
    }

    /** A reverse lookup only RPM metadata can answer: empty for Debian, else {@code query}'s candidates, cached. */
    private List<Candidate> rpmOnly(Map<String, List<Candidate>> cache, String name,
                                    java.util.function.Function<String, List<StoredPackage>> query) {
        if (format == PackageFormat.DEB) {
            return List.of();
        }
        return cache.computeIfAbsent(name, n -> {
            return canonicalList(candidates(query.apply(n)));
        });
    }

    @Override
    public int architecturePreference(String arch) {
        return architectures.choicePreference(arch);
    }

    /**
     * {@inheritDoc} Each merged with its build in the repositories, when they have it: the repository's record
     * (location, checksums) and preference, so that a reinstall can fetch it and an installed version that a
     * repository still carries ranks as that repository's version (apt: pin 500, not the status file's 100).
     */
    @Override
    public List<Candidate> installed() {
        if (!installedMerged && !installed.isEmpty()) {
            installedMerged = true;
            prefetch(installed.values().stream().map(Candidate::name).distinct().toList());
        }
        return installed.values().stream().map(this::canonical).toList();
    }

    private static void add(List<Candidate> out, Candidate c) {
        if (c != null && !out.contains(c)) {
            out.add(c);
        }
    }

    /**
     * The candidates of a query's rows, one per build: every row of a build (one per repository index listing it)
     * comes in the same query, and apt gives the version one priority over all of them.
     */
    private List<Candidate> candidates(List<StoredPackage> rows) {
        Map<PackageId, List<StoredPackage>> byBuild = new LinkedHashMap<>();
        for (StoredPackage p : rows) {
            byBuild.computeIfAbsent(p.record().id(), k -> new ArrayList<>(1)).add(p);
        }
        List<Candidate> out = new ArrayList<>(byBuild.size());
        byBuild.values().forEach(build -> add(out, candidate(build)));
        return out;
    }

    /** The candidate for the rows of one stored build, merged with the installed build of the same identity. */
    private Candidate candidate(List<StoredPackage> rows) {
        PackageRecord r = rows.get(0).record();
        if (r.format() != format || architectures.preference(r.arch()) < 0) {
            return null;
        }
        Candidate existing = canonical.get(r.id());
        if (existing != null && !existing.source().equals(SYSTEM)) {
            return existing;
        }
        Candidate inst = installed.get(r.id());
        // Higher is better. apt: the version's priority over all its indexes (the pin of a record naming the
        // package when one matches, else the best index's); dnf: the best repository's priority and cost.
        StoredPackage best = rows.get(0);
        int preference;
        if (format == PackageFormat.DEB) {
            List<AptPins.Listing> listings = new ArrayList<>(rows.size());
            for (StoredPackage p : rows) {
                listings.add(new AptPins.Listing(repositories.get(p.repositoryId()), p.component(), r.arch()));
                if (indexPriority(p) > indexPriority(best)) {
                    best = p;
                }
            }
            preference = pins.versionPriority(r, listings, inst != null);
        } else {
            for (StoredPackage p : rows) {
                if (dnfPreference(repositories.get(p.repositoryId())) > dnfPreference(repositories.get(
                        best.repositoryId()))) {
                    best = p;
                }
            }
            preference = dnfPreference(repositories.get(best.repositoryId()));
        }
        if (inst == null && !versionLocks.allows(r.name(), r.version(), r.arch())) {
            lockedOut.add(r.name());
            return null;
        }
        if (inst == null && format == PackageFormat.DEB && preference < 0) {
            pinnedOut.add(r.name());
            return null; // apt never installs a version pinned below 0
        }
        Candidate c = new Candidate(r, repositories.get(best.repositoryId()).info().name(), preference, inst != null,
                inst != null ? inst.essential() : r.essential());
        canonical.put(r.id(), c);
        return c;
    }

    private int indexPriority(StoredPackage p) {
        return pins.indexPriority(repositories.get(p.repositoryId()), p.component(), p.record().arch());
    }

    private Candidate canonical(Candidate installedOnly) {
        return canonical.computeIfAbsent(installedOnly.id(), id -> installedOnly);
    }

    /** Higher is better: dnf's repository priority (lower wins) and then its cost (lower wins). */
    private static int dnfPreference(StoredRepository repo) {
        return -(repo.info().priority() * 100_000 + Math.min(repo.info().cost(), 99_999));
    }

    private int installedOnlyPreference() {
        return format == PackageFormat.DEB ? 100 : Integer.MIN_VALUE / 2;
    }
}
