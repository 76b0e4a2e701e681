import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A static file server on 127.0.0.1 for the launcher's class-data-sharing training (./peerget): serves DIR (GET
 * and HEAD, no ranges, no conditional requests), prints its port, and stops when its standard input closes. Run as
 * a source-file program ({@code java TrainingMirror.java DIR}), so training needs nothing but the JDK.
 */
public final class TrainingMirror {
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                boolean head = "HEAD".equals(exchange.getRequestMethod());
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                long size = Files.size(file);
                exchange.sendResponseHeaders(200, head ? -1 : size == 0 ? -1 : size);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        Files.copy(file, out);
                    }
                }
            }
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Until the launcher closes the pipe.
        }
        server.stop(0);
    }
}
