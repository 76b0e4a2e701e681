package dev.peerget.fetch.torrent.internal;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.libtorrent4j.alerts.ListenFailedAlert;
import org.libtorrent4j.alerts.ListenSucceededAlert;
import org.libtorrent4j.alerts.SocketType;

/**
 * The TCP port an {@link EngineSession} listens on, as libtorrent's first listen alerts report it. Thread-safe: the
 * alert thread reports, the thread starting the session waits.
 */
final class ListenPort {
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile int port = -1;
    private volatile String listenError;

    void succeeded(ListenSucceededAlert a) {
        if (a.socketType() == SocketType.TCP && port < 0) {
            port = a.port();
            listening.countDown();
        }
    }

    void failed(ListenFailedAlert a) {
        listenError = EngineProtocol.text("cannot listen on " + a.listenInterface() + ": "
                + a.error().getMessage());
        listening.countDown();
    }

    /** Waits for the first report and returns the port; throws IOException if there is none, or no port. */
    int await(String listenInterfaces, long timeoutMillis) throws IOException, InterruptedException {
        if (!listening.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IOException("no listen socket on " + listenInterfaces + " after " + timeoutMillis + " ms");
        }
        if (port < 0) {
            throw new IOException(listenError);
        }
        return port;
    }
}
