package dev.peerget.engine.update;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.EngineContext;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.config.ConfiguredRepositories;
import dev.peerget.engine.config.RepositoryConfigLoader;
import dev.peerget.engine.config.Setting;
import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.repo.deb.AptSource;
import dev.peerget.repo.rpm.YumRepoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code update}: refreshes every configured repository's metadata. Each repository is independent — one
 * that fails keeps its previous metadata and the others go on — and is replaced atomically. Repositories no
 * longer configured are dropped from the store.
 */
public final class UpdateWorkflow {
    private final EngineContext context;
    private final Supplier<MetadataStore> stores;

    /** @param store the metadata store, asked for once the HTTP client is up (it may still be opening) */
    /** Refuses an update under cacheonly (dnf's -C), before anything is opened or fetched. */
    public static void refuseWhenCacheOnly(EngineContext context) {
        if (context.settings().flag(dev.peerget.engine.config.Setting.CACHEONLY)) {
            throw new dev.peerget.engine.EngineException("update downloads metadata, and cacheonly (-C) downloads "
                    + "nothing", "run 'peerget update' without -C (or with cacheonly = false)");
        }
    }

    public UpdateWorkflow(EngineContext context, Supplier<MetadataStore> store) {
        this.context = context;
        this.stores = store;
    }

    public UpdateReport run(UpdateListener listener) {
        long start = System.nanoTime();
        ConfiguredRepositories config = new RepositoryConfigLoader(context).load();
        config.warnings().forEach(listener::warning);
        if (config.apt().isEmpty() && config.yum().stream().noneMatch(YumRepoConfig::enabled)) {
            throw new EngineException("no repositories are configured under " + context.layout().root(),
                    "add sources to etc/apt/sources.list(.d) or etc/yum.repos.d");
        }
        Duration timeout = Duration.ofSeconds(context.settings().getLong(Setting.TIMEOUT));
        Path work = context.layout().listsDir().resolve("partial");
        List<RepositoryOutcome> outcomes = new ArrayList<>();
        Set<String> configured = new HashSet<>();
        // Started before the HTTP client: the keyrings load while it starts and InRelease downloads.
        KeyringPrefetch keyrings = KeyringPrefetch.start(new KeyringResolver(context, null), config.apt());
        IndexDigests.prepare();
        try (HttpDownloader downloader = new HttpDownloader(timeout, timeout,
                (int) context.settings().getLong(Setting.RETRIES))) {
            MetadataStore store = stores.get();
            IndexFetcher fetcher = new IndexFetcher(downloader, store, context.settings().getLong(Setting.MAX_INDEX_SIZE));
            KeyringResolver keys = new KeyringResolver(context, downloader);
            TorrentKeeper torrents = new TorrentKeeper(fetcher, context.layout().torrentsDir());
            AptUpdater apt = new AptUpdater(context, store, fetcher, keys, keyrings, torrents);
            YumUpdater yum = new YumUpdater(context, store, fetcher, keys, new MirrorListReader(downloader), torrents);
            Sequence seq = new Sequence();
            int n = 0;
            for (AptSource.Target target : config.apt()) {
                String key = ConfiguredRepositories.key(target);
                if (configured.add(key)) {
                    outcomes.add(apt.update(target, seq, listener, workDir(work, n++)));
                }
            }
            for (YumRepoConfig repo : config.yum()) {
                if (repo.enabled() && configured.add(ConfiguredRepositories.key(repo))) {
                    outcomes.add(yum.update(repo, seq, listener, workDir(work, n++)));
                }
            }
            for (StoredRepository stored : store.repositories()) {
                if (!configured.contains(stored.info().key())) {
                    store.removeRepository(stored.info().key());
                    torrents.retire(stored.info().torrent(), null);
                }
            }
            return new UpdateReport(outcomes, fetcher.bytes(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static Path workDir(Path work, int n) {
        Path dir = work.resolve(Integer.toString(n));
        try {
            AptUpdater.deleteQuietly(dir);
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new EngineException("cannot create " + dir + ": " + e.getMessage(),
                    "check that the state directory is writable (are you root?)", e);
        }
    }
}
