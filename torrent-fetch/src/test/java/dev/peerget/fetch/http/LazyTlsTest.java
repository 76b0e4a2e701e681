package dev.peerget.fetch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.peerget.fetch.FetchException;
import dev.peerget.testing.StaticHttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients with {@link LazyTls} against real TLS: the JDK's HTTPS server with certificates made by keytool. The
 * context is the test's (it trusts the test's certificates) where production uses the default one.
 */
class LazyTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final byte[] BODY = "Package: hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /** A key pair and self-signed certificate for {@code alias} with subject alternative name {@code san}. */
    private void keytool(Path store, String alias, String san) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass",
                new String(PASSWORD), "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + alias, "-ext", "san=" + san).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static HttpsServer serve(KeyStore keys) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, BODY.length);
                out.write(BODY);
            }
        });
        server.start();
        return server;
    }

    private static Supplier<SSLContext> trusting(KeyStore certs, AtomicInteger asked) {
        return () -> {
            asked.incrementAndGet();
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(certs);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, tmf.getTrustManagers(), null);
                return context;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private DownloadResult fetch(HttpDownloader downloader, URI uri) {
        return downloader.fetch(new DownloadRequest(uri, dir.resolve("out"), -1, null));
    }

    @Test
    void tlsIsSetUpOnTheFirstHttpsConnectionOnlyAndVerifiesAsTheDefaultClientDoes() throws Exception {
        Path good = dir.resolve("good.p12");
        keytool(good, "loopback", "ip:127.0.0.1");
        Path wrong = dir.resolve("wrong.p12");
        keytool(wrong, "elsewhere", "dns:other.example");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("loopback", load(good).getCertificate("loopback"));
        trusted.setCertificateEntry("elsewhere", load(wrong).getCertificate("elsewhere"));
        AtomicInteger asked = new AtomicInteger();
        Path docRoot = Files.createDirectories(dir.resolve("plain"));
        Files.write(docRoot.resolve("Packages"), BODY);

        HttpsServer goodServer = serve(load(good));
        HttpsServer wrongServer = serve(load(wrong));
        try (StaticHttpServer plain = StaticHttpServer.serve(docRoot);
                HttpDownloader downloader = new HttpDownloader(LazyTls.clientBuilder(trusting(trusted, asked)),
                        Duration.ofSeconds(5), Duration.ofSeconds(5), 0)) {
            assertThat(fetch(downloader, plain.baseUri().resolve("Packages")))
                    .isInstanceOf(DownloadResult.Fetched.class);
            assertThat(asked).as("no TLS for http://").hasValue(0);

            URI https = URI.create("https://127.0.0.1:" + goodServer.getAddress().getPort() + "/Packages");
            assertThat(fetch(downloader, https)).isInstanceOf(DownloadResult.Fetched.class);
            assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(BODY);
            assertThat(fetch(downloader, https)).isInstanceOf(DownloadResult.Fetched.class);
            assertThat(asked).as("set up once").hasValue(1);

            // A trusted certificate for another name: refused, as the client's host name check requires.
            URI misnamed = URI.create("https://127.0.0.1:" + wrongServer.getAddress().getPort() + "/Packages");
            assertThatThrownBy(() -> fetch(downloader, misnamed)).isInstanceOf(FetchException.class)
                    .hasStackTraceContaining("subject alternative");
        } finally {
            goodServer.stop(0);
            wrongServer.stop(0);
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedByTheDefaultContext() throws Exception {
        Path good = dir.resolve("good.p12");
        keytool(good, "loopback", "ip:127.0.0.1");
        HttpsServer server = serve(load(good));
        try (HttpDownloader downloader = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 0)) {
            URI https = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/Packages");
            assertThatThrownBy(() -> fetch(downloader, https)).isInstanceOf(FetchException.class)
                    .hasStackTraceContaining("PKIX path building failed");
        } finally {
            server.stop(0);
        }
    }
}
