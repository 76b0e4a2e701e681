package dev.peerget.fetch.torrent.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.libtorrent4j.AlertListener;
import org.libtorrent4j.PeerInfo;
import org.libtorrent4j.Priority;
import org.libtorrent4j.SessionManager;
import org.libtorrent4j.SessionParams;
import org.libtorrent4j.SettingsPack;
import org.libtorrent4j.Sha1Hash;
import org.libtorrent4j.TcpEndpoint;
import org.libtorrent4j.TorrentHandle;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.TorrentStatus;
import org.libtorrent4j.alerts.AddTorrentAlert;
import org.libtorrent4j.alerts.Alert;
import org.libtorrent4j.alerts.FileCompletedAlert;
import org.libtorrent4j.alerts.FileErrorAlert;
import org.libtorrent4j.alerts.ListenFailedAlert;
import org.libtorrent4j.alerts.ListenSucceededAlert;
import org.libtorrent4j.alerts.SocketType;
import org.libtorrent4j.alerts.TorrentAlert;
import org.libtorrent4j.alerts.TorrentErrorAlert;
import org.libtorrent4j.alerts.TorrentFinishedAlert;
import org.libtorrent4j.swig.settings_pack;
import org.libtorrent4j.swig.torrent_flags_t;

/**
 * The torrent engine's child process: one libtorrent session driven by {@link EngineProtocol} lines on stdin,
 * reporting on stdout. Started only by {@code EngineProcess}, with {@code LD_PRELOAD=libjsig.so} and
 * {@code -Dlibtorrent4j.jni.path}; never load this class in the CLI's JVM.
 *
 * <p>Arguments: {@code LISTEN_INTERFACES [local]} — with {@code local}, DHT, LSD, UPnP and NAT-PMP are off and
 * several connections per IP are allowed (loopback tests, a mirror's private seeding). The child exits when stdin
 * closes, so it never outlives its parent. Depends on the JDK and libtorrent4j only.
 */
public final class EngineMain {
    private static final long TICK_MILLIS = 250;

    private final PrintStream out;
    private final SessionManager session = new SessionManager(false);
    private final Map<String, String> idsByHash = new ConcurrentHashMap<>();
    private final Map<String, TorrentHandle> handles = new ConcurrentHashMap<>();
    private final Map<String, List<TcpEndpoint>> peersById = new ConcurrentHashMap<>();
    /** Bytes per web seed connection, kept across disconnects (peer_info vanishes with the peer). */
    private final Map<String, Map<String, Long>> webSeedBytes = new ConcurrentHashMap<>();
    private final Map<String, String> lastProgress = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile int port = -1;
    private volatile boolean stopping;

    private EngineMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Only protocol lines may reach stdout; stray prints from libraries go to stderr.
        System.setOut(System.err);
        new EngineMain(out).run(args[0], args.length > 1 && args[1].equals("local"));
        System.exit(0);
    }

    private void run(String listen, boolean local) throws Exception {
        session.addListener(new AlertListener() {
            @Override
            public int[] types() {
                return null;
            }

            @Override
            public void alert(Alert<?> alert) {
                onAlert(alert);
            }
        });
        SettingsPack settings = new SettingsPack().listenInterfaces(listen);
        if (local) {
            settings.setEnableDht(false);
            settings.setEnableLsd(false);
            settings.setDhtBootstrapNodes("");
            settings.setBoolean(settings_pack.bool_types.enable_upnp.swigValue(), false);
            settings.setBoolean(settings_pack.bool_types.enable_natpmp.swigValue(), false);
            settings.setBoolean(settings_pack.bool_types.allow_multiple_connections_per_ip.swigValue(), true);
        }
        SessionParams params = new SessionParams(settings);
        // libtorrent's default mmap disk I/O crashed JVMs here; POSIX I/O (pread/pwrite) did not.
        params.setPosixDiskIO();
        session.start(params);
        if (!listening.await(20, TimeUnit.SECONDS)) {
            send(EngineProtocol.ERROR, EngineProtocol.NONE, "no listen socket on " + listen + " after 20 s");
            return;
        }
        send(EngineProtocol.READY, Integer.toString(port));

        Thread commands = new Thread(this::readCommands, "engine-commands");
        commands.setDaemon(true);
        commands.start();
        while (!stopping) {
            Thread.sleep(TICK_MILLIS);
            handles.forEach((id, handle) -> progress(id, handle, false));
        }
        session.stop();
        send(EngineProtocol.STOPPED);
    }

    private void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    if (command(EngineProtocol.fields(line))) {
                        break;
                    }
                } catch (RuntimeException e) {
                    send(EngineProtocol.ERROR, EngineProtocol.NONE,
                            EngineProtocol.text("bad command '" + line + "': " + e));
                }
            }
        } catch (IOException e) {
            // The parent is gone: stop below.
        }
        stopping = true;
    }

    /** Runs one command; true when it was STOP. */
    private boolean command(List<String> f) {
        switch (f.get(0)) {
            case EngineProtocol.ADD -> add(f.get(1), new File(f.get(2)), new File(f.get(3)), f.get(4), f.get(5));
            case EngineProtocol.STATUS -> {
                TorrentHandle handle = handles.get(f.get(1));
                if (handle == null) {
                    send(EngineProtocol.ERROR, f.get(1), "no such torrent");
                } else {
                    progress(f.get(1), handle, true);
                }
            }
            case EngineProtocol.STOP -> {
                return true;
            }
            default -> send(EngineProtocol.ERROR, EngineProtocol.NONE, EngineProtocol.text("unknown command " + f));
        }
        return false;
    }

    private void add(String id, File torrent, File saveDir, String indexes, String peers) {
        TorrentInfo info = new TorrentInfo(torrent);
        Priority[] priorities;
        if (indexes.equals(EngineProtocol.ALL)) {
            priorities = Priority.array(Priority.DEFAULT, info.numFiles());
        } else {
            priorities = Priority.array(Priority.IGNORE, info.numFiles());
            for (String index : indexes.split(",")) {
                if (!index.isEmpty()) {
                    priorities[Integer.parseInt(index)] = Priority.DEFAULT;
                }
            }
        }
        List<TcpEndpoint> endpoints = new ArrayList<>();
        if (!peers.equals(EngineProtocol.NONE)) {
            for (String peer : peers.split(",")) {
                int colon = peer.lastIndexOf(':');
                endpoints.add(new TcpEndpoint(peer.substring(0, colon), Integer.parseInt(peer.substring(colon + 1))));
            }
        }
        String hash = info.infoHash().toHex();
        idsByHash.put(hash, id);
        webSeedBytes.put(id, new ConcurrentHashMap<>());
        saveDir.mkdirs();
        peersById.put(id, endpoints);
        session.download(info, saveDir, null, priorities, endpoints, new torrent_flags_t());
    }

    private void onAlert(Alert<?> alert) {
        if (alert instanceof ListenSucceededAlert a) {
            if (a.socketType() == SocketType.TCP && port < 0) {
                port = a.port();
                listening.countDown();
            }
            return;
        }
        if (alert instanceof ListenFailedAlert a) {
            send(EngineProtocol.ERROR, EngineProtocol.NONE,
                    EngineProtocol.text("cannot listen on " + a.listenInterface() + ": " + a.error().getMessage()));
            return;
        }
        if (!(alert instanceof TorrentAlert<?> torrentAlert)) {
            return;
        }
        String id = idsByHash.get(torrentAlert.handle().infoHash().toHex());
        if (id == null) {
            return;
        }
        if (alert instanceof AddTorrentAlert a) {
            if (a.error().isError()) {
                send(EngineProtocol.ERROR, id, EngineProtocol.text("cannot add: " + a.error().getMessage()));
            } else {
                // An alert and the handle it carries are freed once the callback returns: keep a handle of our own.
                String hash = a.handle().infoHash().toHex();
                TorrentHandle handle = session.find(Sha1Hash.parseHex(hash));
                handles.put(id, handle);
                send(EngineProtocol.ADDED, id, hash);
            }
        } else if (alert instanceof FileCompletedAlert a) {
            send(EngineProtocol.FILE, id, Integer.toString(a.index()));
        } else if (alert instanceof TorrentFinishedAlert) {
            TorrentHandle handle = handles.get(id);
            if (handle != null) {
                progress(id, handle, true);
            }
        } else if (alert instanceof TorrentErrorAlert a) {
            send(EngineProtocol.ERROR, id, EngineProtocol.text(a.filename() + ": " + a.error().getMessage()));
        } else if (alert instanceof FileErrorAlert a) {
            send(EngineProtocol.ERROR, id, EngineProtocol.text(a.filename() + ": " + a.error().getMessage()));
        }
    }

    /**
     * Sends PROGRESS when something changed since the last one, or always when {@code force}. Synchronized so
     * that the ticker and the alert thread send in the order they read the status: a stale line never follows
     * FINISHED.
     */
    private synchronized void progress(String id, TorrentHandle handle, boolean force) {
        if (!handle.isValid()) {
            return;
        }
        TorrentStatus status = handle.status();
        if (status.numPeers() == 0 && !status.isFinished()) {
            // add_torrent_params.peers, and one connect_peer at add time, were lost on loopback (the torrent was
            // still checking): keep connecting to the explicit peers while there is none.
            for (TcpEndpoint peer : peersById.getOrDefault(id, List.of())) {
                handle.swig().connect_peer(peer.swig());
            }
        }
        Map<String, Long> web = webSeedBytes.get(id);
        for (PeerInfo peer : handle.peerInfo()) {
            if (peer.connectionType() == PeerInfo.ConnectionType.WEB_SEED
                    || peer.connectionType() == PeerInfo.ConnectionType.HTTP_SEED) {
                web.merge(peer.ip(), peer.totalDownload(), Math::max);
            }
        }
        long webBytes = web.values().stream().mapToLong(Long::longValue).sum();
        long total = status.totalPayloadDownload();
        String[] fields = {EngineProtocol.PROGRESS, id, Long.toString(Math.max(0, total - webBytes)),
            Long.toString(webBytes), Long.toString(status.totalWantedDone()), Long.toString(status.totalWanted()),
            status.state().name()};
        String line = EngineProtocol.line(fields);
        if (force || !line.equals(lastProgress.put(id, line))) {
            send(fields);
        }
        // torrent_finished_alert was seen while selected bytes were still missing (file priorities applied after
        // the first check?), so FINISHED is decided here, from the status, once per torrent.
        if (status.totalWanted() > 0 && status.totalWantedDone() == status.totalWanted() && finished.add(id)) {
            send(EngineProtocol.FINISHED, id);
        }
    }

    private void send(String... fields) {
        String line = EngineProtocol.line(fields);
        synchronized (out) {
            out.println(line);
        }
    }

}
