package dev.peerget.engine;

import dev.peerget.cache.MarkStore;
import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.PackageMarks;
import dev.peerget.engine.plan.ArchiveCheck;
import dev.peerget.engine.plan.PlanRequest;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.engine.plan.PlanWorkflow;
import dev.peerget.cache.StoredRepository;
import dev.peerget.cache.TorrentRef;
import dev.peerget.engine.config.ConfiguredRepositories;
import dev.peerget.engine.config.RepositoryConfigLoader;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.config.ToolDefaults;
import dev.peerget.engine.fetch.FetchWorkflow;
import dev.peerget.engine.fetch.SwarmLeftovers;
import dev.peerget.engine.install.Simulation;
import dev.peerget.engine.install.TransactionSimulator;
import dev.peerget.engine.install.TransactionWorkflow;
import dev.peerget.engine.install.UndoRequest;
import dev.peerget.installer.History;
import dev.peerget.engine.installed.InstalledDatabase;
import dev.peerget.engine.mirror.MirrorSeeder;
import dev.peerget.engine.mirror.PublishReport;
import dev.peerget.engine.mirror.PublishRequest;
import dev.peerget.engine.mirror.SeedListener;
import dev.peerget.engine.mirror.SeedRequest;
import dev.peerget.engine.mirror.SeedSession;
import dev.peerget.engine.mirror.TorrentPublisher;
import dev.peerget.engine.query.PackageCatalog;
import dev.peerget.engine.query.PackageQueries;
import dev.peerget.engine.query.Policy;
import dev.peerget.engine.update.MetadataExpiry;
import dev.peerget.engine.update.UpdateListener;
import dev.peerget.engine.update.UpdateReport;
import dev.peerget.engine.update.UpdateWorkflow;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.PackageFormat;
import dev.peerget.repo.deb.AptSource;
import dev.peerget.repo.rpm.YumRepoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * peerget's engine: the workflows the commands call, over one root. Opens the metadata store on first use.
 * Not thread-safe; one per command.
 */
public final class Peerget implements AutoCloseable {
    private final EngineContext context;
    private MetadataStore store;
    /** The store being opened on another thread for an update, until {@link #store} takes it. */
    private CompletableFuture<MetadataStore> opening;
    private PackageQueries queries;
    private InstalledDatabase installed;

    private Peerget(EngineContext context) {
        this.context = context;
    }

    public static Peerget open(EngineContext context) {
        return new Peerget(context);
    }

    public EngineContext context() {
        return context;
    }

    /**
     * {@code update}: refreshes every configured repository. The store is opened (on a first update: created) on
     * a thread of its own while the update reads its configuration and starts the HTTP client; loading
     * sqlite-jdbc and creating the schema took a fifth of a second of the critical path (docs/benchmarks.md).
     */
    public UpdateReport update(UpdateListener listener) {
        UpdateWorkflow.refuseWhenCacheOnly(context);
        Path db = context.layout().metadataDatabase();
        if (!mayWrite(db)) {
            throw new EngineException("cannot write the metadata in " + db.getParent() + ": permission denied",
                    "run 'peerget update' as root");
        }
        if (store == null && opening == null) {
            CompletableFuture<MetadataStore> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(MetadataStore.open(db));
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "peerget-store-open");
            t.setDaemon(true);
            t.start();
            opening = f;
        }
        return new UpdateWorkflow(context, this::store).run(listener);
    }

    /** {@code mirror torrent}: publishes the torrents of a repository this machine serves. */
    public PublishReport publishTorrents(PublishRequest request) {
        return new TorrentPublisher(context.tools(), context.clock()).publish(request);
    }

    /** {@code mirror seed}: starts seeding a repository's published torrents; the caller runs and closes it. */
    public SeedSession seed(SeedRequest request, SeedListener listener) {
        return MirrorSeeder.start(request, listener);
    }

    /**
     * Whether a plan installs weak dependencies unless the command says otherwise: the install_recommends
     * setting when peerget.conf sets it, else what apt.conf or dnf.conf say, else yes (apt's and dnf's default).
     */
    public boolean installWeakByDefault() {
        if (context.settings().isSet(Setting.INSTALL_RECOMMENDS)) {
            return context.settings().flag(Setting.INSTALL_RECOMMENDS);
        }
        return ToolDefaults.installWeak(context.layout()).orElse(true);
    }

    /** Plans an install, removal or upgrade; changes nothing. */
    public PlanResult plan(PlanRequest request) {
        requireMetadata();
        return new PlanWorkflow(context, store(), installed()).plan(request);
    }

    /** Carries out plans with dpkg or rpm: fetch, verify, install, seed. */
    public TransactionWorkflow transactions() {
        requireMetadata();
        return new TransactionWorkflow(context, store());
    }

    /** What {@code -s} shows of a solved plan: its changes in the order the package tool would make them. */
    public Simulation simulate(PlanResult plan) {
        requireMetadata();
        return new TransactionSimulator(context, store()).simulate(plan);
    }

    /** {@code fetch}: the package files of repository packages into the verified package cache. */
    public FetchWorkflow fetcher() {
        requireMetadata();
        return new FetchWorkflow(context, store());
    }

    /**
     * Like {@link #fetcher()}, into the package cache {@code cacheDir} instead of the system's: for a user who
     * may not write the system's cache (see {@link #mayWritePackageCache()}).
     */
    public FetchWorkflow fetcher(Path cacheDir) {
        requireMetadata();
        return new FetchWorkflow(context.withLayout(context.layout().withCacheDir(cacheDir)), store());
    }

    /** Whether this process may write the system's package cache (or create it). */
    public boolean mayWritePackageCache() {
        Path dir = context.layout().cacheDir();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        return dir != null && Files.isWritable(dir);
    }

    /**
     * Which stored packages of {@code format} cannot be installed at all (null: deb when any apt repository is
     * stored, else rpm).
     */
    public ArchiveCheck.Result distcheck(PackageFormat format) {
        requireMetadata();
        MetadataStore store = store();
        PackageFormat f = format != null ? format : store.repositories().stream()
                .anyMatch(r -> r.info().format() == PackageFormat.DEB) ? PackageFormat.DEB : PackageFormat.RPM;
        return ArchiveCheck.run(context, store, f);
    }

    /** The transactions recorded under this root (newest last). */
    public History history() {
        return new History(context.layout());
    }

    /**
     * The install that undoes transaction {@code id}; see {@link UndoRequest}.
     *
     * @throws EngineException when nothing it changed can be undone
     */
    public UndoRequest undo(long id) {
        return UndoRequest.of(history(), id);
    }

    /**
     * {@code recover}: finishes what an interrupted dpkg or rpm run left (dpkg --configure -a, or erasing the
     * older half of an interrupted rpm upgrade); empty when nothing was interrupted.
     */
    public java.util.Optional<dev.peerget.installer.TransactionResult> recover(String commandLine,
            dev.peerget.installer.InstallListener listener) {
        PackageFormat format = Files.isRegularFile(context.layout().dpkgStatusFile()) ? PackageFormat.DEB
                : PackageFormat.RPM;
        dev.peerget.installer.Installer installer = new TransactionWorkflow(context, null).installer(format);
        try (dev.peerget.installer.RootLock lock = installer.lock()) {
            return installer.recover(lock, commandLine, listener);
        }
    }

    /**
     * {@code mark hold|unhold}: holds (or releases) installed packages in peerget's marks and, in a Debian root,
     * in dpkg's selections as apt-mark does, so that apt and dpkg respect the hold too; under the root's lock.
     */
    public void setHeld(List<InstalledPackage> packages, boolean held) {
        Map<PackageFormat, List<InstalledPackage>> byFormat = packages.stream()
                .collect(Collectors.groupingBy(p -> p.record().format()));
        TransactionWorkflow workflow = new TransactionWorkflow(context, null);
        for (var entry : byFormat.entrySet()) {
            dev.peerget.installer.Installer installer = workflow.installer(entry.getKey());
            try (dev.peerget.installer.RootLock lock = installer.lock()) {
                installer.recordHolds(lock, entry.getValue().stream()
                        .map(p -> p.record().name() + ":" + p.record().arch()).toList(), held);
                MarkStore store = marks();
                PackageMarks marks = store.read();
                for (InstalledPackage p : entry.getValue()) {
                    marks = marks.withHeld(p.record().name(), p.record().arch(), held);
                }
                store.write(marks);
            }
        }
    }

    /** What {@link #clean} did. */
    public record CleanReport(long bytesFreed, boolean seedingStopped, boolean metadataDropped) {}

    /**
     * {@code clean}: deletes the package cache's files, partial downloads and unfinished torrent downloads (apt-get
     * clean, dnf clean packages), under the root's lock so that no transaction is fetching meanwhile. The seeding
     * process serves from those files, so a running one is stopped first. With {@code metadata}, the stored repository metadata goes too
     * (dnf clean all): nothing can be planned until the next update.
     */
    public CleanReport clean(boolean metadata) {
        try (dev.peerget.installer.RootLock lock = dev.peerget.installer.RootLock.acquire(context.layout(), false)) {
            dev.peerget.fetch.seed.SeedControl seeding = new dev.peerget.fetch.seed.SeedControl(
                    dev.peerget.engine.install.SeedHandOff.stateDir(context));
            boolean stopped = false;
            if (seeding.isRunning()) {
                if (!seeding.stop(java.time.Duration.ofSeconds(30))) {
                    throw new EngineException("the seeding process did not stop, so its files were kept",
                            "run 'peerget seed stop', then 'peerget clean' again");
                }
                stopped = true;
            }
            long freed = new dev.peerget.cache.PackageCache(context.layout().cacheDir()).clean();
            freed += SwarmLeftovers.delete(FetchWorkflow.swarmDir(context.layout()));
            boolean dropped = false;
            if (metadata) {
                close();
                store = null;
                queries = null;
                for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
                    Path f = Path.of(context.layout().metadataDatabase() + suffix);
                    if (Files.exists(f)) {
                        freed += Files.size(f);
                        dropped |= Files.deleteIfExists(f);
                    }
                }
            }
            return new CleanReport(freed, stopped, dropped);
        } catch (java.io.IOException e) {
            throw new EngineException("cannot clean " + context.layout().cacheDir() + ": " + e.getMessage(),
                    "check that it is writable (are you root?)", e);
        }
    }

    /** The user's marks (automatic, held), for mark and history. */
    public MarkStore marks() {
        return new MarkStore(context.layout().marksFile());
    }

    /** The installed-package databases under the root. */
    public InstalledDatabase installed() {
        if (installed == null) {
            installed = new InstalledDatabase(context.layout(), context.tools());
        }
        return installed;
    }

    private void requireMetadata() {
        if (!Files.isRegularFile(context.layout().metadataDatabase())) {
            throw new EngineException("no package metadata under " + context.layout().root() + " yet",
                    "run 'peerget update' first");
        }
    }

    /** The read-only queries; fails with a hint when no update has stored any metadata yet. */
    public PackageQueries queries() {
        if (queries == null) {
            requireMetadata();
            queries = new PackageQueries(new PackageCatalog(store(), installed(), context.architectures(),
                    dev.peerget.engine.config.AptPins.read(context.layout())));
        }
        return queries;
    }

    /** {@code policy PKG}: see {@link PackageQueries#policy}; the apt sources as configured now. */
    public List<Policy> policy(String spec) {
        return queries().policy(spec, new RepositoryConfigLoader(context).load().apt());
    }

    /**
     * {@code policy} without arguments (apt-cache policy): every Packages index of the stored apt repositories,
     * as their sources entries name them, and every stored yum repository, with priorities.
     */
    public List<PackageQueries.SourcePolicy> policySources() {
        return queries().sources(new RepositoryConfigLoader(context).load().apt());
    }

    /** {@code repolist}: every configured repository with what the store holds for it. */
    public List<RepositoryView> repositories() {
        ConfiguredRepositories config = new RepositoryConfigLoader(context).load();
        Map<String, StoredRepository> stored = Files.isRegularFile(context.layout().metadataDatabase())
                ? store().repositories().stream()
                        .collect(Collectors.toMap(r -> r.info().key(), Function.identity()))
                : Map.of();
        List<RepositoryView> out = new ArrayList<>();
        for (AptSource.Target t : config.apt()) {
            String key = ConfiguredRepositories.key(t);
            StoredRepository s = stored.get(key);
            out.add(new RepositoryView(t.uri() + " " + t.suite(),
                    s != null && !s.info().label().isEmpty() ? s.info().label() + " " + t.suite() : t.suite(),
                    PackageFormat.DEB, true, t.origin().toString(), s == null ? 0 : s.packageCount(),
                    s == null ? null : s.info().updatedAt(), torrentOf(s)));
        }
        for (YumRepoConfig r : config.yum()) {
            StoredRepository s = stored.get(ConfiguredRepositories.key(r));
            out.add(new RepositoryView(r.id(), r.name(), PackageFormat.RPM, r.enabled(),
                    r.sourceName() + ":" + r.line(), s == null ? 0 : s.packageCount(),
                    s == null ? null : s.info().updatedAt(), torrentOf(s)));
        }
        return out;
    }

    /**
     * dnf's {@code metadata_expire}: the ids of the enabled yum repositories whose stored metadata is older than
     * it allows (dnf refreshes them before it resolves), or that have none stored yet. Empty for roots without
     * yum repositories or without metadata.
     */
    public List<String> expiredRepositories() {
        return MetadataExpiry.expired(context, () -> store().repositories());
    }

    /** Whether this user may run {@code update} (write the metadata database). */
    public boolean mayUpdate() {
        return mayWrite(context.layout().metadataDatabase());
    }

    private static String torrentOf(StoredRepository s) {
        return s == null ? null : s.info().torrent().map(TorrentRef::infoHash).orElse(null);
    }

    /**
     * The metadata store, opened read-only when this user may not write it: users read what root's update
     * stored, as apt-cache and dnf's cache do for every user.
     */
    private MetadataStore store() {
        if (store == null) {
            if (opening != null) {
                CompletableFuture<MetadataStore> f = opening;
                opening = null;
                store = Futures.join(f);
            } else {
                Path db = context.layout().metadataDatabase();
                store = mayWrite(db) ? MetadataStore.openForUse(db) : MetadataStore.openReadOnly(db);
            }
        }
        return store;
    }

    /** Whether this process may write {@code db} (and the journal beside it); true for a file still to create. */
    private static boolean mayWrite(Path db) {
        return !Files.exists(db) || Files.isWritable(db) && Files.isWritable(db.toAbsolutePath().getParent());
    }

    @Override
    public void close() {
        if (opening != null) {
            // Opened for an update that ended before it needed the store.
            try {
                store = opening.join();
            } catch (CompletionException e) {
                // Never used: its failure was not this command's.
            }
            opening = null;
        }
        if (store != null) {
            store.close();
        }
    }
}
