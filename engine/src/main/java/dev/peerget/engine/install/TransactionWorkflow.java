package dev.peerget.engine.install;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.PackageCache;
import dev.peerget.cache.StoredPackage;
import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.EngineContext;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.config.ConfiguredRepositories;
import dev.peerget.engine.config.RepositoryConfigLoader;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.fetch.FetchWorkflow;
import dev.peerget.fetch.torrent.EngineWarmup;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.engine.update.KeyringResolver;
import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.fetch.swarm.FetchReport;
import dev.peerget.installer.Installer;
import dev.peerget.installer.InstallerOptions;
import dev.peerget.installer.PackageToolException;
import dev.peerget.installer.Requester;
import dev.peerget.installer.RootLock;
import dev.peerget.installer.Step;
import dev.peerget.installer.Transaction;
import dev.peerget.installer.TransactionInterruptedException;
import dev.peerget.installer.TransactionResult;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageId;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.VerificationException;
import dev.peerget.repo.pgp.Keyring;
import dev.peerget.repo.rpm.RpmSignatureVerifier;
import dev.peerget.repo.rpm.VerifiedRpm;
import dev.peerget.repo.rpm.YumRepoConfig;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A transaction for real: lock the root, fetch and verify every package file, check RPM signatures where the
 * repository asks for it, run dpkg or rpm, record the marks, and hand the fetched torrents to the seeding daemon.
 *
 * <p>Nothing is touched before every file is verified: a bad file, signature or lock stops the transaction before
 * dpkg or rpm runs. The root lock is held from before the fetch to after the marks are written, so two peerget
 * runs never interleave.
 */
public final class TransactionWorkflow implements AutoCloseable {
    private final EngineContext context;
    private final MetadataStore store;
    private final FetchWorkflow fetcher;
    /** The torrent engine started while the plan was made, or null. */
    private EngineWarmup warmup;

    public TransactionWorkflow(EngineContext context, MetadataStore store) {
        this.context = context;
        this.store = store;
        this.fetcher = new FetchWorkflow(context, store);
    }

    /**
     * Starts the torrent engine in the background now, while the plan that {@link #execute} is to carry out is
     * made, so that the fetch finds it listening (see {@link FetchWorkflow#warmUp()}); {@link #close} stops it
     * unless a fetch took it. Nothing happens when no repository publishes a torrent.
     */
    public void warmUpEngine() {
        if (warmup == null) {
            warmup = fetcher.warmUp();
        }
    }

    /** Stops the engine {@link #warmUpEngine} started, unless a fetch took it. */
    @Override
    public void close() {
        if (warmup != null) {
            warmup.close();
        }
    }

    /** The installer for {@code format} under this root. */
    public Installer installer(PackageFormat format) {
        return Installer.create(format, installerOptions(context));
    }

    /** What every installer of this root is made with (a simulation's too, so that it orders as they do). */
    static InstallerOptions installerOptions(EngineContext context) {
        // The history names the user behind sudo, as apt and dnf do.
        InstallerOptions options = InstallerOptions.of(context.layout())
                .withRequester(Requester.loginUser(System.getenv()));
        String dpkg = context.tools().find("dpkg").map(Path::toString).orElse("dpkg");
        String rpm = context.tools().find("rpm").map(Path::toString).orElse("rpm");
        options = options.withCommands(dpkg, rpm).withEnvironment(Map.of("DEBIAN_FRONTEND", "noninteractive"));
        if (context.settings().flag(Setting.DPKG_DECOMPRESS_AHEAD)) {
            options = options.withDpkgDeb(context.tools().find("dpkg-deb").map(Path::toString).orElse(null));
        }
        return options;
    }

    /**
     * Carries out a solved plan. With {@code downloadOnly} it stops after fetch and verification. Throws
     * {@link EngineException} (or the installer's exceptions, all {@code PeergetException}s) when anything fails;
     * the installer has recorded the failure in the history by then.
     */
    public TransactionOutcome execute(PlanResult plan, String commandLine, boolean downloadOnly,
            TransactionListener listener) {
        if (!(plan.resolution() instanceof Resolution.Solved solved)) {
            throw new IllegalArgumentException("only a solved plan can be carried out");
        }
        Installer installer = installer(plan.format());
        SeedHandOff seeding = new SeedHandOff(context);
        TransactionMarks marks = new TransactionMarks(context.layout());
        TransactionOutcome done;
        try (RootLock lock = installer.lock()) {
            // Before anything is fetched. What a failed maintainer script left unfinished lets through a plan that
            // removes or replaces those packages (the installer checks the same again), and nothing else.
            installer.interruptionBlocking(touched(solved)).ifPresent(i -> {
                throw new EngineException(i.message(), i.hint());
            });
            long t0 = System.nanoTime();
            List<PackageRecord> toFetch = FetchWorkflow.packagesOf(plan);
            FetchReport report = toFetch.isEmpty() ? null : fetcher.fetch(toFetch, listener, warmup);
            if (report != null) {
                listener.fetched(report);
            }
            Map<PackageRecord, Path> files = new HashMap<>();
            if (report != null) {
                for (int i = 0; i < toFetch.size(); i++) {
                    files.put(toFetch.get(i), report.fetched().get(i).file());
                }
            }
            long t1 = System.nanoTime();
            verifySignatures(plan.format(), toFetch, files, listener);
            long t2 = System.nanoTime();
            if (downloadOnly) {
                return new TransactionOutcome(report, null, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
                        Duration.ZERO, 0);
            }
            // The seeding daemon starts while dpkg or rpm works: the hand-off at the end then finds it up.
            seeding.startEarly(report);
            installer.initializeDatabase(lock);
            List<Step> steps = PlanSteps.of(plan, solved, r -> {
                Path file = files.get(r);
                if (file == null) {
                    throw new IllegalStateException("no fetched file for " + r.id());
                }
                return file;
            });
            // The marks before the transaction, for the history (history undo restores them).
            java.util.Set<String> automaticBefore = marks.automaticBefore(solved);
            // As apt writes extended_states before dpkg runs: what a failed or killed run installed keeps its
            // automatic mark, so autoremove can take it away later. Removals are recorded once they happened.
            marks.record(plan, solved, false);
            TransactionResult result;
            try {
                result = installer.execute(lock, new Transaction(plan.format(), steps, commandLine, automaticBefore),
                        listener);
            } catch (TransactionInterruptedException e) {
                // The installer let the running tool finish and recorded the history; the marks follow what was
                // done, and the lock is released on the way out, so the next run needs no recovery for them.
                marks.record(e.result());
                throw e;
            } catch (PackageToolException e) {
                marks.record(e.result());
                throw e;
            }
            long t3 = System.nanoTime();
            marks.record(plan, solved, true);
            // dpkg --install sets a held package's selection back to install; the user named it in an install,
            // which released no hold (peerget's marks keep it), so dpkg's is set again.
            List<String> held = plan.heldChanged().stream().map(h -> h.held().name() + ":" + h.held().record().arch())
                    .toList();
            if (!held.isEmpty()) {
                installer.recordHolds(lock, held, true);
            }
            done = new TransactionOutcome(report, result, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
                    Duration.ofNanos(t3 - t2), 0);
        }
        // After the lock is released: whatever the seeding process does, the root is free for the next command.
        int seeded = done.fetch() == null ? 0 : seeding.handOff(done.fetch(), listener);
        return new TransactionOutcome(done.fetch(), done.result(), done.fetchTime(), done.verifyTime(),
                done.installTime(), seeded);
    }

    /**
     * For a solved plan with nothing to carry out: marks the packages the install named that were installed already
     * and automatic as manual, as apt-get ("… set to manually installed.") and dnf do; under the root's lock.
     */
    public void markRequestedManual(PlanResult plan) {
        if (plan.notices().stream().anyMatch(n -> n instanceof dev.peerget.engine.plan.PlanNotice.AlreadyInstalled a
                && a.wasAutomatic())) {
            try (RootLock lock = installer(plan.format()).lock()) {
                new TransactionMarks(context.layout()).recordRequested(plan);
            }
        }
    }

    /** Every package the plan changes: what it removes or replaces, and what it installs. */
    private static List<PackageId> touched(Resolution.Solved solved) {
        List<PackageId> out = new ArrayList<>();
        for (Action a : solved.plan().actions()) {
            if (a.from() != null) {
                out.add(a.from().id());
            }
            if (a.to() != null) {
                out.add(a.to().id());
            }
        }
        return out;
    }

    /**
     * dnf's gpgcheck: every package from a repository with {@code gpgcheck=1} must carry a good signature by one of
     * the repository's {@code gpgkey}s. Checked on the cached file that rpm will install (only peerget writes the
     * cache), before anything runs. Which keyring checks which package is settled first, in order (a repository's
     * keys are loaded, or downloaded, once); the checks themselves, mostly a digest of each payload, run on up to one
     * thread per processor. They are reported in package order, and the first failure in that order is thrown.
     */
    private void verifySignatures(PackageFormat format, List<PackageRecord> packages, Map<PackageRecord, Path> files,
            TransactionListener listener) {
        if (format != PackageFormat.RPM || packages.isEmpty()) {
            return;
        }
        ConfiguredRepositories config = new RepositoryConfigLoader(context).load();
        Map<String, YumRepoConfig> byKey = new HashMap<>();
        for (YumRepoConfig r : config.yum()) {
            byKey.put(ConfiguredRepositories.key(r), r);
        }
        Map<Long, StoredRepository> repos = new HashMap<>();
        for (StoredRepository r : store.repositories()) {
            repos.put(r.id(), r);
        }
        Map<String, Keyring> keys = new HashMap<>();
        Duration timeout = Duration.ofSeconds(context.settings().getLong(dev.peerget.engine.config.Setting.TIMEOUT));
        try (HttpDownloader http = new HttpDownloader(timeout, timeout, 1)) {
            KeyringResolver resolver = new KeyringResolver(context, http);
            Path work = Files.createTempDirectory("peerget-gpgkeys");
            try {
                List<PackageRecord> checked = new ArrayList<>();
                List<Keyring> rings = new ArrayList<>();
                List<String> origins = new ArrayList<>();
                for (PackageRecord p : packages) {
                    Optional<YumRepoConfig> repo = repositoryOf(p, repos, byKey);
                    if (repo.isEmpty() || !repo.get().gpgcheck()) {
                        continue;
                    }
                    YumRepoConfig r = repo.get();
                    if (r.gpgKeys().isEmpty()) {
                        throw new VerificationException("repository '" + r.id() + "' has gpgcheck=1 but no gpgkey, "
                                + "so " + p.name() + " cannot be verified",
                                "add gpgkey=file:///path/to/key to " + r.sourceName());
                    }
                    checked.add(p);
                    origins.add("from repository '" + r.id() + "'");
                    rings.add(keys.computeIfAbsent(r.id(), id -> resolver.forYum(r, work)));
                }
                verifyInParallel(checked, origins, rings, files, listener);
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new EngineException("cannot check package signatures: " + e.getMessage(), null, e);
        }
    }

    /** Checks {@code packages.get(i)} against {@code rings.get(i)}; see {@link #verifySignatures}. */
    private void verifyInParallel(List<PackageRecord> packages, List<String> origins, List<Keyring> rings,
            Map<PackageRecord, Path> files, TransactionListener listener) throws IOException {
        if (packages.isEmpty()) {
            return;
        }
        RpmSignatureVerifier verifier = new RpmSignatureVerifier();
        Instant now = context.clock().instant();
        int threads = Math.min(packages.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "peerget-rpm-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<VerifiedRpm>> checks = new ArrayList<>();
            for (int i = 0; i < packages.size(); i++) {
                PackageRecord p = packages.get(i);
                Path file = files.get(p);
                Keyring ring = rings.get(i);
                String who = p.name() + " " + p.version() + " " + p.arch() + " " + origins.get(i);
                checks.add(pool.submit(() -> {
                    try {
                        return verifier.verify(file, ring, now);
                    } catch (VerificationException e) {
                        // The verifier names the cached file; the user knows the package and its repository.
                        throw new VerificationException(who + ": " + e.getMessage(), e.hint().orElse(null), e);
                    }
                }));
            }
            for (int i = 0; i < packages.size(); i++) {
                VerifiedRpm verified;
                try {
                    verified = checks.get(i).get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineException("interrupted while checking package signatures", null, e);
                }
                PackageRecord p = packages.get(i);
                listener.signatureChecked(p.name() + " " + p.version() + " " + p.arch(), verified.signerFingerprint());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The configured yum repository whose gpgcheck decides for a package: among every stored repository that has
     * this very file (same name, version, architecture and checksum — any of them may have served it), the first
     * with {@code gpgcheck=1}, else the first at all. Throws when none of them is configured any more.
     */
    private Optional<YumRepoConfig> repositoryOf(PackageRecord p, Map<Long, StoredRepository> repos,
            Map<String, YumRepoConfig> byKey) {
        List<YumRepoConfig> holders = new ArrayList<>();
        for (StoredPackage s : store.packagesNamed(p.name(), false)) {
            if (s.record().id().equals(p.id()) && java.util.Objects.equals(s.record().strongestChecksum(),
                    p.strongestChecksum())) {
                StoredRepository repo = repos.get(s.repositoryId());
                if (repo != null && byKey.containsKey(repo.info().key())) {
                    holders.add(byKey.get(repo.info().key()));
                }
            }
        }
        if (holders.isEmpty()) {
            throw new VerificationException(p.name() + " " + p.version() + " " + p.arch() + " comes from no configured "
                    + "repository, so its signature policy is unknown", "run 'peerget update' and try again");
        }
        return holders.stream().filter(YumRepoConfig::gpgcheck).findFirst().or(() -> Optional.of(holders.get(0)));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The package cache of this root. */
    public PackageCache cache() {
        return fetcher.cache();
    }
}
