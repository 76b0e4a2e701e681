package dev.peerget.fetch.torrent.internal;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.libtorrent4j.TcpEndpoint;

/**
 * The torrent engine's child process: one libtorrent session ({@link EngineSession}) driven by
 * {@link EngineProtocol} lines on stdin, reporting on stdout. Started only by {@code EngineProcess}, with
 * {@code LD_PRELOAD=libjsig.so} and {@code -Dlibtorrent4j.jni.path}; never load this class in the CLI's JVM.
 *
 * <p>Arguments: {@code LISTEN_INTERFACES [local] [web-seeds] [alert-log=FILE]} — with {@code local}, DHT, LSD,
 * UPnP and NAT-PMP are off, several connections per IP are allowed and peers talk TCP only (loopback tests, a
 * mirror's private seeding); with {@code web-seeds}, libtorrent uses the torrents' web seeds (BEP 19; off by
 * default, see {@link RangeFetcher}); with {@code alert-log}, every libtorrent alert, peer and torrent logs
 * included, is appended to FILE (diagnostics: that log is how the refused-connection race of queued torrents was
 * found). The child exits when stdin closes,
 * so it never outlives its parent. Depends on the JDK and libtorrent4j only.
 */
public final class EngineMain {
    private static final long TICK_MILLIS = 250;
    private static final long LISTEN_TIMEOUT_MILLIS = 20_000;
    /** Below the parent's 10 s grace after STOP, so that a slow save does not get the child killed. */
    private static final long STOP_SAVE_MILLIS = 7_000;

    private final PrintStream out;
    private final EngineSession session;
    private volatile boolean stopping;

    private EngineMain(PrintStream out, PrintStream alertLog, boolean webSeeds) {
        this.out = out;
        this.session = new EngineSession(this::send, alertLog, webSeeds);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Only protocol lines may reach stdout; stray prints from libraries go to stderr.
        System.setOut(System.err);
        boolean local = false;
        boolean webSeeds = false;
        PrintStream alertLog = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("local")) {
                local = true;
            } else if (args[i].equals("web-seeds")) {
                webSeeds = true;
            } else if (args[i].startsWith("alert-log=")) {
                alertLog = new PrintStream(new FileOutputStream(args[i].substring("alert-log=".length()), true), true,
                        StandardCharsets.UTF_8);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        new EngineMain(out, alertLog, webSeeds).run(args[0], local);
        System.exit(0);
    }

    private void run(String listen, boolean local) throws Exception {
        int port;
        try {
            port = session.start(listen, local, LISTEN_TIMEOUT_MILLIS);
        } catch (IOException e) {
            send(EngineProtocol.ERROR, EngineProtocol.NONE, EngineProtocol.text(e.getMessage()));
            return;
        }
        send(EngineProtocol.READY, Integer.toString(port));

        Thread commands = new Thread(this::readCommands, "engine-commands");
        commands.setDaemon(true);
        commands.start();
        while (!stopping) {
            Thread.sleep(TICK_MILLIS);
            session.tick();
        }
        session.stop(STOP_SAVE_MILLIS);
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
            case EngineProtocol.ADD -> {
                arity(f, 6, 7);
                Path resume = f.size() > 6 && !f.get(6).equals(EngineProtocol.NONE) ? Path.of(f.get(6)) : null;
                session.add(f.get(1), Path.of(f.get(2)), Path.of(f.get(3)), indexes(f.get(4)), peers(f.get(5)),
                        resume);
            }
            case EngineProtocol.DESELECT -> {
                arity(f, 3, 3);
                session.deselect(f.get(1), indexes(f.get(2)));
            }
            case EngineProtocol.HTTP -> {
                arity(f, 4, 4);
                session.http(f.get(1), Integer.parseInt(f.get(2)), java.net.URI.create(f.get(3)));
            }
            case EngineProtocol.OFFER -> {
                arity(f, 4, 4);
                session.offer(f.get(1), Integer.parseInt(f.get(2)), Path.of(f.get(3)));
            }
            case EngineProtocol.STATUS -> {
                arity(f, 2, 2);
                session.status(f.get(1));
            }
            case EngineProtocol.SAVE -> {
                arity(f, 3, 3);
                session.save(f.get(1), Path.of(f.get(2)));
            }
            case EngineProtocol.REMOVE -> {
                arity(f, 2, 3);
                if (f.size() == 3 && !f.get(2).equals(EngineProtocol.DELETE)) {
                    throw new IllegalArgumentException("REMOVE takes 'delete' or nothing after the id");
                }
                session.remove(f.get(1), f.size() == 3);
            }
            case EngineProtocol.LIMITS -> {
                arity(f, 3, 3);
                session.limits(rate(f.get(1)), rate(f.get(2)));
            }
            case EngineProtocol.STOP -> {
                return true;
            }
            default -> send(EngineProtocol.ERROR, EngineProtocol.NONE, EngineProtocol.text("unknown command " + f));
        }
        return false;
    }

    private static void arity(List<String> f, int min, int max) {
        if (f.size() < min || f.size() > max) {
            throw new IllegalArgumentException(f.get(0) + " takes " + (min == max ? min - 1 : (min - 1) + " or "
                    + (max - 1)) + " fields, not " + (f.size() - 1));
        }
    }

    private static List<Integer> indexes(String field) {
        List<Integer> indexes = new ArrayList<>();
        if (!field.equals(EngineProtocol.ALL)) {
            for (String index : field.split(",")) {
                indexes.add(Integer.parseInt(index));
            }
        }
        return indexes;
    }

    private static List<TcpEndpoint> peers(String field) {
        List<TcpEndpoint> peers = new ArrayList<>();
        if (!field.equals(EngineProtocol.NONE)) {
            for (String peer : field.split(",")) {
                int colon = peer.lastIndexOf(':');
                String host = peer.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                peers.add(new TcpEndpoint(host, Integer.parseInt(peer.substring(colon + 1))));
            }
        }
        return peers;
    }

    private static int rate(String field) {
        long rate = Long.parseLong(field);
        if (rate < 0 || rate > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rate out of range (0 to " + Integer.MAX_VALUE + " bytes/s): " + field);
        }
        return (int) rate;
    }

    private void send(String... fields) {
        String line = EngineProtocol.line(fields);
        synchronized (out) {
            out.println(line);
        }
    }
}
