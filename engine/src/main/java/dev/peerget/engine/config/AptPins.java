package dev.peerget.engine.config;

import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.EngineException;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.deb.AptPreferences;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * apt's pin priorities under a root: the repository's default (500, 1 for NotAutomatic suites, 100 with
 * ButAutomaticUpgrades; stored by update) unless a record of {@code /etc/apt/preferences} or
 * {@code /etc/apt/preferences.d/*} (names of letters, digits, {@code _ . -}, with no extension or {@code .pref},
 * in name order, as apt reads them) gives the version another; 990 for the versions of the default release
 * ({@code apt-get -t}, {@code APT::Default-Release}: a suite or codename) unless a record naming the package
 * pins them. Immutable; thread-safe.
 */
public final class AptPins {
    /** Without preference files: every version has its repository's default. */
    public static final AptPins DEFAULTS = new AptPins(AptPreferences.NONE, null);
    /** apt's priority of the default release's versions. */
    public static final int DEFAULT_RELEASE_PIN = 990;
    /** apt_preferences(5): a version pinned this high is installed "even if this constitutes a downgrade". */
    public static final int DOWNGRADE_PIN = 1000;
    /** apt's priority of dpkg's status file, which counts for the installed version only. */
    public static final int STATUS_FILE_PIN = 100;

    private final AptPreferences preferences;
    private final String defaultRelease;
    /** {@link #host} by base URI: a resolve asks for thousands of versions of a few repositories. */
    private final Map<String, String> hosts = new java.util.concurrent.ConcurrentHashMap<>();

    private AptPins(AptPreferences preferences, String defaultRelease) {
        this.preferences = preferences;
        this.defaultRelease = defaultRelease;
    }

    /** These pins with {@code release} (a suite or codename; null for none) as the default release. */
    public AptPins withDefaultRelease(String release) {
        return new AptPins(preferences, release);
    }

    /** The default release, or null. */
    public String defaultRelease() {
        return defaultRelease;
    }

    /**
     * The pins of {@code layout}'s preferences with {@code targetRelease} (a suite or codename; null for apt.conf's
     * APT::Default-Release) as the default release, which one of {@code repos} must have.
     *
     * @throws EngineException when no repository has that release, as apt says
     */
    public static AptPins forRepositories(Layout layout, java.util.Collection<StoredRepository> repos,
                                          String targetRelease) {
        AptPins pins = read(layout);
        if (targetRelease != null) {
            pins = pins.withDefaultRelease(targetRelease);
        }
        String release = pins.defaultRelease();
        if (release != null && repos.stream().noneMatch(r -> release.equals(r.info().archive())
                || release.equals(r.info().codename()))) {
            throw new EngineException("The value '" + release + "' is invalid for APT::Default-Release as such a "
                    + "release is not available in the sources", "name a suite or codename of a configured "
                    + "repository (see 'peerget repolist'), or run 'peerget update'");
        }
        return pins;
    }

    /**
     * Reads the root's preference files and apt.conf's {@code APT::Default-Release}.
     *
     * @throws EngineException naming the file that cannot be read
     * @throws dev.peerget.repo.MetadataException naming the file and line of a record apt would refuse
     */
    public static AptPins read(Layout layout) {
        Map<String, String> texts = new LinkedHashMap<>();
        Path main = layout.resolve("/etc/apt/preferences");
        Path dir = layout.resolve("/etc/apt/preferences.d");
        try {
            if (Files.isRegularFile(main)) {
                texts.put(main.toString(), Files.readString(main));
            }
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> read = files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.matches("[A-Za-z0-9_.-]+") && (n.indexOf('.') < 0 || n.endsWith(".pref"));
                    }).sorted().toList();
                    for (Path f : read) {
                        texts.put(f.toString(), Files.readString(f));
                    }
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot read apt's preferences under " + layout.resolve("/etc/apt") + ": "
                    + e.getMessage(), "check the files' permissions");
        }
        String release = ToolDefaults.aptDefaultRelease(layout).orElse(null);
        return new AptPins(texts.isEmpty() ? AptPreferences.NONE : AptPreferences.parse(texts), release);
    }

    /**
     * The priority of one Packages index of a repository ({@code apt-cache policy} without arguments prints one
     * per component and architecture): its default, the default release's 990, or what the generic
     * ({@code Package: *}) records matching the repository, {@code component} ({@code c=}) and {@code arch}
     * ({@code b=}) give it. Empty {@code component} and {@code arch} stand for the repository as a whole.
     */
    public int indexPriority(StoredRepository repo, String component, String arch) {
        return priority("", "", arch, repo, component);
    }

    /** The records apt skips with a warning ("Did not understand pin type …"), each naming its file and line. */
    public List<String> warnings() {
        return preferences.warnings();
    }

    /** Whether a record pins a version at {@link #DOWNGRADE_PIN} or more, so that a plan may have to downgrade. */
    public boolean mayForceDowngrades() {
        return preferences.highestPriority().orElse(Integer.MIN_VALUE) >= DOWNGRADE_PIN;
    }

    /** Whether a preference record names packages: only then can {@link #packagePin} find one. */
    public boolean pinsPackages() {
        return preferences.pinsPackages();
    }

    /**
     * One Packages index listing a version: its repository, component and architecture (what {@code b=}
     * matches: the index's, so an {@code all} version listed by the i386 index matches {@code b=i386}).
     */
    public record Listing(StoredRepository repository, String component, String arch) {}

    /**
     * The pin of one Debian version itself (a record naming its package, not {@code Package: *}), as
     * {@code apt-cache policy} lists it under "Pinned packages": the first such record matching any of the
     * indexes listing it ({@code listings}) or, when it is {@code installed}, the status file ({@code a=now}).
     */
    public java.util.OptionalInt packagePin(PackageRecord r, List<Listing> listings, boolean installed) {
        List<AptPreferences.Target> targets = new java.util.ArrayList<>();
        for (Listing l : listings) {
            targets.add(target(r.name(), r.version(), l.arch(), l.repository(), l.component()));
        }
        if (installed) {
            targets.add(new AptPreferences.Target(r.name(), r.version(), r.arch(), "", "now", "", "", "", "", ""));
        }
        return preferences.packagePriority(targets);
    }

    /** The pin priority of a Debian version listed by {@code repo} in {@code component}. */
    public int priority(PackageRecord r, StoredRepository repo, String component) {
        return priority(r.name(), r.version(), r.arch(), repo, component);
    }

    /**
     * apt's priority of one version ({@code pkgPolicy::GetPriority(Ver)}), what its candidate is chosen by: the
     * {@link #packagePin} when a record naming the package matches any of the indexes listing it (even if another
     * index has a higher priority), else the best {@link #indexPriority} of those indexes, dpkg's status file
     * (100) counting only when the version is {@code installed}; 0 for a version nothing lists.
     */
    public int versionPriority(PackageRecord r, List<Listing> listings, boolean installed) {
        if (preferences.pinsPackages()) {
            java.util.OptionalInt pin = packagePin(r, listings, installed);
            if (pin.isPresent()) {
                return pin.getAsInt();
            }
        }
        int best = installed ? STATUS_FILE_PIN : Integer.MIN_VALUE;
        for (Listing l : listings) {
            best = Math.max(best, indexPriority(l.repository(), l.component(), l.arch()));
        }
        return best == Integer.MIN_VALUE ? 0 : best;
    }

    /**
     * apt 2.6's candidate among the versions of one package ({@code pkgPolicy::GetCandidateVer}): walking them
     * newest first, the first of the highest priority above 0, where reaching the installed version lifts the
     * bar to 999, so an older version wins only when pinned at {@link #DOWNGRADE_PIN} or more (apt_preferences(5):
     * "even if this constitutes a downgrade"); empty when no version has a priority above 0.
     *
     * @param newestFirst the versions, newest first
     * @param priority    each version's {@link #versionPriority}
     * @param installed   whether a version is the installed one
     */
    public static <T> java.util.Optional<T> candidate(List<T> newestFirst, java.util.function.ToIntFunction<T> priority,
                                                      java.util.function.Predicate<T> installed) {
        int max = 0;
        T best = null;
        for (T version : newestFirst) {
            int p = priority.applyAsInt(version);
            if (p > max) {
                best = version;
                max = p;
            }
            if (installed.test(version) && max < DOWNGRADE_PIN) {
                max = DOWNGRADE_PIN - 1;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    private int priority(String name, String version, String arch, StoredRepository repo, String component) {
        var info = repo.info();
        boolean defaultOne = defaultRelease != null && (defaultRelease.equals(info.archive())
                || defaultRelease.equals(info.codename()));
        if (preferences.isEmpty()) {
            return defaultOne ? DEFAULT_RELEASE_PIN : info.priority();
        }
        AptPreferences.Target target = target(name, version, arch, repo, component);
        if (defaultOne) {
            // apt's pkgPolicy makes the default release's pin before it reads the preferences, so 990 wins over
            // every Package: * record; only a record naming the package beats it (apt-cache policy 2.6.2).
            return preferences.packagePriority(List.of(target)).orElse(DEFAULT_RELEASE_PIN);
        }
        return preferences.priority(target).orElse(info.priority());
    }

    private AptPreferences.Target target(String name, String version, String arch, StoredRepository repo,
                                         String component) {
        var info = repo.info();
        String host = hosts.computeIfAbsent(info.baseUri(), AptPins::host);
        return new AptPreferences.Target(name, version, arch, component, info.archive(), info.codename(),
                info.origin(), info.label(), host, info.releaseVersion());
    }

    /** The host of a repository's URI ({@code Pin: origin}), empty for {@code file:} and the unparsable. */
    public static String host(String baseUri) {
        try {
            return java.util.Objects.requireNonNullElse(URI.create(baseUri).getHost(), "");
        } catch (IllegalArgumentException e) {
            return ""; // not a URI apt could have: no host to match
        }
    }
}
