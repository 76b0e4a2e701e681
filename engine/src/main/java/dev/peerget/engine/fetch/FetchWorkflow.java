package dev.peerget.engine.fetch;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.PackageCache;
import dev.peerget.cache.StoredPackage;
import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.EngineContext;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.config.Settings;
import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.fetch.seed.SeedControl;
import dev.peerget.fetch.swarm.FetchItem;
import dev.peerget.fetch.swarm.FetchListener;
import dev.peerget.fetch.swarm.FetchPolicy;
import dev.peerget.fetch.swarm.FetchReport;
import dev.peerget.fetch.swarm.PackageFetcher;
import dev.peerget.fetch.swarm.TorrentSlot;
import dev.peerget.fetch.torrent.EngineConfig;
import dev.peerget.fetch.torrent.EngineWarmup;
import dev.peerget.model.Checksum;
import dev.peerget.engine.plan.PackageSpecs;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.VerificationException;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Resolution;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fetch}: puts the package files of a plan (or of {@code download}) into the package cache, verified
 * against the signed indexes, from the repositories' torrents and mirrors (see {@link PackageFetcher} for the
 * balance between them).
 */
public final class FetchWorkflow {
    /** Under the cache directory: the torrent engine's class-data-sharing archive (torrent-fetch's EngineArchive). */
    private static final String CLASS_DATA_DIR = "engine-cds";

    private final EngineContext context;
    private final MetadataStore store;
    private final TorrentLookup torrents;

    public FetchWorkflow(EngineContext context, MetadataStore store) {
        this.context = context;
        this.store = store;
        this.torrents = new TorrentLookup(store);
    }

    /** The package cache of this root. */
    public PackageCache cache() {
        return new PackageCache(context.layout().cacheDir());
    }

    /**
     * Fetches the files of {@code packages} (repository packages; every one must be stored with a SHA-256 or
     * SHA-512) and returns the report; throws {@link EngineException} naming every file that could not be fetched.
     */
    public FetchReport fetch(List<PackageRecord> packages, FetchListener listener) {
        return fetchItems(items(packages), listener, null);
    }

    /** {@link #fetch}, taking the engine {@code warmup} started if the swarm needs one (null: none). */
    public FetchReport fetch(List<PackageRecord> packages, FetchListener listener, EngineWarmup warmup) {
        return fetchItems(items(packages), listener, warmup);
    }

    /**
     * Starts the torrent engine in the background for a fetch that a plan about to be made may need, when a
     * stored repository publishes a torrent and torrents are on; null otherwise. As root only when the engine's
     * user exists and can reach the root (the fetch itself creates the user, and says when it cannot reach).
     * The engine is configured as {@link #fetch} would configure it; a fetch that would configure it otherwise
     * stops it and starts its own.
     */
    public EngineWarmup warmUp() {
        FetchPolicy policy = policy();
        if (!policy.useTorrents() || context.settings().flag(Setting.CACHEONLY)
                || store.repositories().stream().noneMatch(r -> r.info().torrent().isPresent())) {
            return null;
        }
        if (!Privileges.isRoot()) {
            return EngineWarmup.start(policy::engine);
        }
        if (!Privileges.reachableByOthers(context.layout().root())) {
            return null;
        }
        return EngineWarmup.start(() -> {
            if (!Privileges.userExists()) {
                throw new EngineException("no user " + Privileges.USER + " yet", null);
            }
            return asEngineUser(policy.engine());
        });
    }

    /**
     * {@code engine} run as {@value Privileges#USER}, from a copy of the class path that user can read, with its
     * class-data-sharing archive in a directory that user owns (it makes the archive); without an archive when that
     * directory cannot be handed over.
     */
    private EngineConfig asEngineUser(EngineConfig engine) {
        Path cacheDir = context.layout().cacheDir();
        EngineConfig unprivileged = engine.runningAs(Privileges.runAsUser(), Privileges.readableClassPath(cacheDir));
        try {
            Privileges.giveDirectory(cacheDir.resolve(CLASS_DATA_DIR));
            return unprivileged;
        } catch (IOException | RuntimeException e) {
            return unprivileged.withClassData(null);
        }
    }

    /**
     * {@code download}: fetches like {@link #fetch} and copies each file into {@code destDir}, under the last
     * segment of its location, as soon as it is in the cache; returns once every copy is made. When a file cannot
     * be fetched, those fetched are copied all the same (as apt-get download leaves them).
     */
    public FetchReport download(List<PackageRecord> packages, Path destDir, FetchListener listener)
            throws IOException {
        List<FetchItem> items = items(packages);
        Map<FetchItem, String> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            names.put(items.get(i), Path.of(packages.get(i).location()).getFileName().toString());
        }
        try (DestinationCopies copies = new DestinationCopies(listener, destDir, names)) {
            FetchReport report = fetchItems(items, copies, null);
            copies.awaitCopies();
            return report;
        }
    }

    private FetchReport fetchItems(List<FetchItem> items, FetchListener listener, EngineWarmup warmup) {
        Settings settings = context.settings();
        if (settings.flag(Setting.CACHEONLY)) {
            requireCached(items);
        }
        Duration timeout = Duration.ofSeconds(settings.getLong(Setting.TIMEOUT));
        FetchPolicy policy = policy();
        if (policy.useTorrents() && Privileges.isRoot()) {
            policy = unprivileged(policy, items, listener);
        }
        FetchReport report;
        try (HttpDownloader http = new HttpDownloader(timeout, timeout, (int) settings.getLong(Setting.RETRIES))) {
            report = new PackageFetcher(policy, http, new CacheSink(cache())).withWarmup(warmup).fetch(items, listener);
        }
        if (!report.ok()) {
            StringBuilder message = new StringBuilder("could not fetch " + report.failed().size() + " of "
                    + items.size() + " package files:");
            for (FetchReport.Failed f : report.failed()) {
                message.append("\n  ").append(f.item().label()).append(": ").append(f.reason());
            }
            if (report.failed().stream().anyMatch(FetchReport.Failed::rejected)) {
                throw new VerificationException(message.toString(), "the mirror serves files that differ from its "
                        + "signed index: run 'peerget update' (the index may be newer), else report it to the mirror");
            }
            throw new EngineException(message.toString(), "check the mirror (peerget update also fails then) "
                    + "and run the command again; files already fetched are kept in the cache");
        }
        return report;
    }

    /** With cacheonly (dnf's -C), before anything is fetched: fails naming every file the cache lacks. */
    private void requireCached(List<FetchItem> items) {
        PackageCache cache = cache();
        List<String> missing = items.stream().filter(i -> cache.find(i.checksum(), i.size()).isEmpty())
                .map(FetchItem::label).toList();
        if (!missing.isEmpty()) {
            throw new EngineException(missing.size() + " of " + items.size() + " package files are not in the "
                    + "package cache, and cacheonly (-C) downloads nothing:\n  " + String.join("\n  ", missing),
                    "run the command again without -C (or with cacheonly = false), or fetch them first with "
                    + "--download-only");
        }
    }

    /**
     * The repository packages a plan installs, upgrades, downgrades or reinstalls: what must be fetched. Local
     * files given on the command line ({@code ./foo.deb}, with an absolute location) are not fetched.
     */
    public static List<PackageRecord> packagesOf(PlanResult plan) {
        List<PackageRecord> out = new ArrayList<>();
        if (plan.resolution() instanceof Resolution.Solved solved) {
            for (Action a : solved.plan().actions()) {
                if (a.to() != null && !PackageSpecs.isLocalFile(a.to())) {
                    out.add(a.to().record());
                }
            }
        }
        return out;
    }

    /**
     * As root the engine runs as {@value Privileges#USER}: it may write only the directories of the torrents it
     * fetches into (the files it writes are copied, not linked, into the cache: see PackageCache.admit). When that
     * user cannot reach this root (a root under a private directory), the fetch goes over HTTP, with a notice.
     */
    private FetchPolicy unprivileged(FetchPolicy policy, List<FetchItem> items, FetchListener listener) {
        Path cacheDir = context.layout().cacheDir();
        java.util.Set<String> torrents = new java.util.LinkedHashSet<>();
        for (FetchItem item : items) {
            if (item.torrent() != null) {
                torrents.add(item.torrent().infoHash());
            }
        }
        if (torrents.isEmpty()) {
            // Nothing for the engine: no notice about it, and no system user created for it.
            return policy;
        }
        if (!Privileges.reachableByOthers(context.layout().root())) {
            listener.notice("the torrent engine runs as " + Privileges.USER + ", which cannot reach "
                    + context.layout().root() + " (a directory on the way is not searchable by others): fetching "
                    + "from the mirror only");
            return new FetchPolicy(false, policy.engine(), policy.swarmDir(), policy.swarmWait(),
                    policy.minSwarmRate(), policy.httpConnections(), policy.swarmStall(), policy.peers());
        }
        Privileges.ensureUser();
        for (String hash : torrents) {
            Path saveDir = policy.saveDir(hash);
            try {
                java.nio.file.Files.createDirectories(saveDir.getParent());
                Privileges.giveDirectory(saveDir);
            } catch (IOException e) {
                throw new EngineException("cannot prepare " + saveDir + " for the torrent engine: " + e.getMessage(),
                        "check that " + cacheDir + " is a writable directory");
            }
        }
        return new FetchPolicy(true, asEngineUser(policy.engine()), policy.swarmDir(), policy.swarmWait(),
                policy.minSwarmRate(), policy.httpConnections(), policy.swarmStall(), policy.peers());
    }

    /** The fetch items of {@code packages}, with every repository that has the same file as a mirror. */
    public List<FetchItem> items(List<PackageRecord> packages) {
        Map<Long, StoredRepository> repos = new HashMap<>();
        for (StoredRepository r : store.repositories()) {
            repos.put(r.id(), r);
        }
        List<FetchItem> items = new ArrayList<>();
        for (PackageRecord p : packages) {
            Checksum checksum = p.verificationChecksum();
            String label = p.name() + " " + p.version() + " " + p.arch();
            if (checksum == null || !checksum.algorithm().isSecure()) {
                throw new EngineException(label + ": its repository's index gives no SHA-256 or SHA-512 for the "
                        + "package file, so peerget cannot verify it", "ask the repository to publish SHA-256 sums");
            }
            List<URI> mirrors = new ArrayList<>();
            TorrentSlot slot = null;
            for (StoredPackage s : store.packagesNamed(p.name(), false)) {
                PackageRecord r = s.record();
                if (!r.id().equals(p.id()) || !checksum.equals(r.verificationChecksum())) {
                    continue;
                }
                StoredRepository repo = repos.get(s.repositoryId());
                if (repo == null) {
                    continue;
                }
                requireInside(repo, r);
                mirrors.add(resolve(repo.info().baseUri(), r.location()));
                if (slot == null) {
                    slot = torrents.slot(repo, r.location()).orElse(null);
                }
            }
            if (mirrors.isEmpty()) {
                throw new EngineException(label + " is in no stored repository", "run 'peerget update' and try again");
            }
            items.add(new FetchItem(label, checksum, p.size(), mirrors, slot));
        }
        return items;
    }

    private FetchPolicy policy() {
        Settings s = context.settings();
        boolean local = !s.flag(Setting.DHT) && !s.flag(Setting.LOCAL_PEER_DISCOVERY);
        String listen = s.get(Setting.LISTEN_INTERFACES);
        if (new SeedControl(context.layout().seedStateDir()).isRunning()) {
            // The seeding daemon holds the configured ports: this fetch listens on free ones.
            listen = listen.replaceAll(":\\d+(?=,|$)", ":0");
        }
        EngineConfig engine = EngineConfig.of(context.layout().cacheDir(), listen, local)
                .withClassData(context.layout().cacheDir().resolve(CLASS_DATA_DIR));
        List<InetSocketAddress> peers = new ArrayList<>();
        for (String peer : s.list(Setting.PEERS)) {
            int colon = peer.lastIndexOf(':');
            if (colon <= 0) {
                throw new EngineException("peerget.conf: peers entry '" + peer + "' is not host:port",
                        "see peerget.conf(5)");
            }
            peers.add(InetSocketAddress.createUnresolved(
                    peer.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(peer.substring(colon + 1))));
        }
        Duration timeout = Duration.ofSeconds(s.getLong(Setting.TIMEOUT));
        return new FetchPolicy(s.flag(Setting.TORRENT), engine, swarmDir(), s.duration(Setting.SWARM_WAIT),
                s.getLong(Setting.SWARM_MIN_RATE), (int) Math.max(1, s.getLong(Setting.HTTP_CONNECTIONS)), timeout,
                peers);
    }

    /** Where torrent data is kept (and seeded from): one directory per info hash. */
    public Path swarmDir() {
        return swarmDir(context.layout());
    }

    /** The swarm directory of {@code layout}'s root. */
    public static Path swarmDir(dev.peerget.model.Layout layout) {
        return layout.cacheDir().resolve("swarm");
    }

    /**
     * A package's location must be a path inside its repository: not absolute, no {@code ..}, no scheme. Anything
     * else comes from a broken or hostile index (with repo_gpgcheck=0 a mirror controls repomd.xml).
     */
    private static void requireInside(StoredRepository repo, PackageRecord r) {
        String location = r.location();
        boolean bad = location.isEmpty() || location.startsWith("/") || location.contains("\\")
                || location.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")
                || java.util.Arrays.asList(location.split("/")).contains("..");
        if (bad) {
            throw new VerificationException("repository " + repo.info().name() + " lists " + r.name() + " "
                    + r.version() + " at '" + location + "', which is not a path inside the repository",
                    "the repository's index is broken or was tampered with: report it to the repository");
        }
    }

    static URI resolve(String baseUri, String location) {
        String base = baseUri.endsWith("/") ? baseUri : baseUri + "/";
        return URI.create(base).resolve(location.replace(" ", "%20"));
    }
}
