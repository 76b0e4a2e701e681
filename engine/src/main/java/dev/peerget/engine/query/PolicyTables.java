package dev.peerget.engine.query;

import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.config.AptPins;
import dev.peerget.engine.config.ConfiguredRepositories;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.VersionScheme;
import dev.peerget.repo.deb.AptSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code policy PKG}: apt-cache policy's table for the Debian package of that name, and a table per architecture
 * for RPM (dnf has no policy command). Not thread-safe.
 *
 * <p>The Debian table follows apt 2.6's {@code apt-cache policy} (cmdline/apt-cache.cc, checked against apt-cache
 * 2.6.2 in an isolated root): one package, the native one unless the name says {@code NAME:ARCH} or only a foreign
 * architecture has it ({@code GrpIterator::FindPreferredPkg}); {@code all} builds belong to the native package;
 * each version with its own priority ({@code GetPriority(Ver)}: a record naming the package, else the best of
 * its indexes) and then every index listing it with the index's priority ({@code GetPriority(File)}), dpkg's
 * status file last.
 */
final class PolicyTables {
    /** What apt 2.6.2 prints for a version no index counts for: one only in the status file as config-files. */
    private static final int NO_PRIORITY = -1;

    private final PackageCatalog catalog;

    PolicyTables(PackageCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The Debian table of {@code spec} ({@code NAME} or {@code NAME:ARCH}) when dpkg or an apt repository knows
     * it, then one RPM table per architecture; empty when nothing has the name.
     *
     * @param targets the configured apt sources: their order is apt's order of indexes, their architectures
     *                the indexes an {@code all} version is listed in
     */
    List<Policy> policy(String spec, List<AptSource.Target> targets) {
        List<Policy> out = new ArrayList<>();
        debian(spec, targets).ifPresent(out::add);
        out.addAll(rpm(spec));
        return out;
    }

    private Optional<Policy> debian(String spec, List<AptSource.Target> targets) {
        String name = spec;
        String wanted = null;
        List<AvailablePackage> versions = debOnly(catalog.available(name, false));
        List<InstalledPackage> installed = installedDeb(name);
        int colon = spec.lastIndexOf(':');
        if (versions.isEmpty() && installed.isEmpty() && colon > 0) {
            name = spec.substring(0, colon);
            String arch = spec.substring(colon + 1);
            // apt's PackageFromName: NAME:all and NAME:native name the native package.
            wanted = arch.equals("native") ? catalog.architectures().nativeDeb() : aptArch(arch);
            versions = debOnly(catalog.available(name, false));
            installed = installedDeb(name);
        }
        List<String> order = catalog.architectures().debIndexArchitectures();
        List<String> known = new ArrayList<>();
        installed.forEach(i -> addOnce(known, aptArch(i.record().arch())));
        versions.forEach(v -> addOnce(known, aptArch(v.record().arch())));
        known.sort(Comparator.comparingInt(a -> order.contains(a) ? order.indexOf(a) : order.size()));
        if (known.isEmpty() || (wanted != null && !known.contains(wanted))) {
            return Optional.empty();
        }
        String arch = wanted != null ? wanted : known.get(0);
        List<AvailablePackage> mine = versions.stream().filter(v -> aptArch(v.record().arch()).equals(arch)).toList();
        InstalledPackage dpkg = installed.stream().filter(i -> aptArch(i.record().arch()).equals(arch)).findFirst()
                .orElse(null);
        String current = dpkg != null && dpkg.isPresent() ? dpkg.record().version() : null;

        Map<String, List<AvailablePackage>> byVersion = new LinkedHashMap<>();
        mine.forEach(v -> byVersion.computeIfAbsent(v.record().version(), k -> new ArrayList<>()).add(v));
        if (dpkg != null) {
            byVersion.computeIfAbsent(dpkg.record().version(), k -> new ArrayList<>());
        }
        VersionScheme scheme = PackageCatalog.scheme(PackageFormat.DEB);
        List<VersionRow> rows = new ArrayList<>();
        byVersion.entrySet().stream().sorted((a, b) -> -scheme.compare(a.getKey(), b.getKey())).forEach(e -> {
            boolean isCurrent = e.getKey().equals(current);
            boolean inStatus = dpkg != null && dpkg.record().version().equals(e.getKey());
            rows.add(row(e.getKey(), arch, e.getValue(), isCurrent ? dpkg : null, inStatus, targets));
        });
        // The candidate by the priorities the table shows (b= matched against each index's architecture).
        String candidate = AptPins.candidate(rows, VersionRow::priority, VersionRow::installed)
                .map(VersionRow::version).orElse(current);
        rows.replaceAll(r -> r.version().equals(candidate) ? new VersionRow(r.version(), r.arch(), r.priority(),
                r.installed(), true, r.sources()) : r);
        return Optional.of(new Policy(name, arch, PackageFormat.DEB, !arch.equals(catalog.architectures().nativeDeb()),
                current, candidate, rows));
    }

    /** One Debian version: the indexes listing it in apt's order, then the status file when dpkg has it. */
    private VersionRow row(String version, String arch, List<AvailablePackage> listed, InstalledPackage current,
                           boolean inStatus, List<AptSource.Target> targets) {
        List<AptPins.Listing> listings = listings(listed, targets);
        List<VersionRow.Source> sources = new ArrayList<>();
        int best = Integer.MIN_VALUE;
        for (AptPins.Listing l : listings) {
            int priority = catalog.indexPriority(l.repository(), l.component(), l.arch());
            best = Math.max(best, priority);
            sources.add(new VersionRow.Source(priority, describe(l)));
        }
        if (inStatus) {
            sources.add(new VersionRow.Source(PackageCatalog.INSTALLED_PIN, catalog.dpkgStatusFile()));
        }
        // The status file counts for the version only while it is the installed one (apt's GetPriority(Ver)).
        if (current != null) {
            best = Math.max(best, PackageCatalog.INSTALLED_PIN);
        }
        var record = listed.isEmpty() ? null : listed.get(0).record();
        OptionalInt pin = record == null && current == null ? OptionalInt.empty()
                : catalog.pins().packagePin(record != null ? record : current.record(), listings, current != null);
        int priority = pin.orElse(best == Integer.MIN_VALUE ? NO_PRIORITY : best);
        return new VersionRow(version, arch, priority, current != null, false, sources);
    }

    /**
     * The Packages indexes listing a version, in apt's order (sources.list order, then component, then
     * architecture). The store keeps a row per index that listed the version but not which index: an
     * architecture-specific row comes from its architecture's index, a flat repository has one index, and the
     * rows of an {@code all} version are taken to come from the source's architectures in order (each
     * {@code binary-ARCH} of a Debian archive lists every {@code all} package).
     */
    private List<AptPins.Listing> listings(List<AvailablePackage> listed, List<AptSource.Target> targets) {
        Map<String, AptSource.Target> byKey = new LinkedHashMap<>();
        targets.forEach(t -> byKey.putIfAbsent(ConfiguredRepositories.key(t), t));
        List<String> keys = new ArrayList<>(byKey.keySet());
        Map<List<Object>, Integer> rowsPerIndexGroup = new LinkedHashMap<>();
        Map<List<Object>, AvailablePackage> first = new LinkedHashMap<>();
        for (AvailablePackage p : listed) {
            List<Object> key = List.of(p.repository().id(), p.component(), p.record().arch());
            rowsPerIndexGroup.merge(key, 1, Integer::sum);
            first.putIfAbsent(key, p);
        }
        List<Placed> out = new ArrayList<>();
        first.forEach((key, p) -> {
            StoredRepository repo = p.repository();
            AptSource.Target target = byKey.get(repo.info().key());
            List<String> archs = target == null || target.architectures().isEmpty()
                    ? catalog.architectures().debIndexArchitectures() : target.architectures();
            int repoOrder = target == null ? keys.size() : keys.indexOf(repo.info().key());
            int componentOrder = target == null ? 0 : Math.max(0, target.components().indexOf(p.component()));
            List<String> indexArchs;
            if (repo.info().suite().endsWith("/")) {
                indexArchs = List.of(""); // a flat repository's one index has no architecture (apt prints none)
            } else if (p.record().arch().equals("all")) {
                indexArchs = archs.subList(0, Math.min(archs.size(), rowsPerIndexGroup.get(key)));
            } else {
                indexArchs = List.of(p.record().arch());
            }
            for (String a : indexArchs) {
                out.add(new Placed(new AptPins.Listing(repo, p.component(), a), repoOrder, repo.id(), componentOrder,
                        archs.contains(a) ? archs.indexOf(a) : archs.size()));
            }
        });
        return out.stream().sorted(Comparator.comparingInt(Placed::repoOrder).thenComparingLong(Placed::repoId)
                .thenComparingInt(Placed::componentOrder).thenComparingInt(Placed::archOrder))
                .map(Placed::listing).toList();
    }

    /** A listing with its place in apt's order of indexes. */
    private record Placed(AptPins.Listing listing, int repoOrder, long repoId, int componentOrder, int archOrder) {}

    /** apt's {@code Describe(true)} of a Packages index: {@code URI SUITE/COMPONENT ARCH Packages}, flat {@code URI ./ Packages}. */
    private static String describe(AptPins.Listing l) {
        String name = l.repository().info().name(); // the URI without its trailing '/', then the suite
        return l.arch().isEmpty() ? name + " Packages" : name + "/" + l.component() + " " + l.arch() + " Packages";
    }

    /** The RPM tables, one per architecture, as peerget has always printed them. */
    private List<Policy> rpm(String name) {
        List<AvailablePackage> versions = catalog.available(name, false).stream()
                .filter(v -> v.record().format() == PackageFormat.RPM).toList();
        List<InstalledPackage> inst = catalog.installed(name).stream()
                .filter(i -> i.record().format() == PackageFormat.RPM).toList();
        List<Policy> out = new ArrayList<>();
        VersionScheme scheme = PackageCatalog.scheme(PackageFormat.RPM);
        for (String arch : catalog.architecturesOf(versions, inst)) {
            InstalledPackage installedOne = inst.stream().filter(i -> i.record().arch().equals(arch)).findFirst()
                    .orElse(null);
            Optional<AvailablePackage> candidate = catalog.candidate(versions, arch, installedOne);
            Map<String, List<VersionRow.Source>> rows = new LinkedHashMap<>();
            for (AvailablePackage v : versions) {
                if (v.record().arch().equals(arch)) {
                    var info = v.repository().info();
                    rows.computeIfAbsent(v.record().version(), k -> new ArrayList<>()).add(new VersionRow.Source(
                            v.priority(), info.baseUri() + " " + info.label() + " " + v.record().arch()));
                }
            }
            if (installedOne != null) {
                rows.computeIfAbsent(installedOne.record().version(), k -> new ArrayList<>()).add(
                        new VersionRow.Source(PackageCatalog.INSTALLED_PIN, "installed (" + installedOne.state() + ")"));
            }
            String installedVersion = installedOne == null || !installedOne.isInstalled() ? null
                    : installedOne.record().version();
            String candidateVersion = candidate.map(c -> c.record().version()).orElse(installedVersion);
            List<VersionRow> table = new ArrayList<>();
            rows.entrySet().stream().sorted((a, b) -> -scheme.compare(a.getKey(), b.getKey())).forEach(e -> table.add(
                    new VersionRow(e.getKey(), arch, e.getValue().stream().mapToInt(VersionRow.Source::priority).max()
                            .orElse(0), e.getKey().equals(installedVersion), e.getKey().equals(candidateVersion),
                            e.getValue())));
            out.add(new Policy(name, arch, PackageFormat.RPM, false, installedVersion, candidateVersion, table));
        }
        return out;
    }

    private List<AvailablePackage> debOnly(List<AvailablePackage> versions) {
        return versions.stream().filter(v -> v.record().format() == PackageFormat.DEB).toList();
    }

    private List<InstalledPackage> installedDeb(String name) {
        return catalog.installed(name).stream().filter(i -> i.record().format() == PackageFormat.DEB).toList();
    }

    /** apt's package architecture for a build: {@code all} builds belong to the native package. */
    private String aptArch(String arch) {
        return arch.equals("all") ? catalog.architectures().nativeDeb() : arch;
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
