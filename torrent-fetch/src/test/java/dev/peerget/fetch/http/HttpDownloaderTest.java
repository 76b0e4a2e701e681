package dev.peerget.fetch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.fetch.FetchException;
import dev.peerget.testing.StaticHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpDownloaderTest {
    @TempDir
    Path docRoot;
    @TempDir
    Path out;
    private StaticHttpServer server;
    private HttpDownloader downloader;
    private final byte[] content = new byte[300_000];

    @BeforeEach
    void start() throws Exception {
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Files.write(docRoot.resolve("Packages"), content);
        server = StaticHttpServer.serve(docRoot);
        downloader = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 2);
    }

    @AfterEach
    void stop() {
        downloader.close();
        server.close();
    }

    private DownloadRequest request(String path, long cap, Validators v) {
        return new DownloadRequest(server.baseUri().resolve(path), out.resolve("Packages"), cap, v);
    }

    /** Names of the live HTTP client selector threads. */
    private static java.util.Set<String> selectorThreads() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    @Test
    void closeEndsTheClientsSelectorThreadSoTheJvmExitsWithoutWaitingForIt() throws Exception {
        // A thread left in native code (the selector's epoll_wait) holds a JVM exit up for 300 ms.
        java.util.Set<String> before = selectorThreads();
        HttpDownloader d = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 0);
        assertThat(d.fetch(request("Packages", -1, null))).isInstanceOf(DownloadResult.Fetched.class);
        java.util.Set<String> ours = selectorThreads();
        ours.removeAll(before);
        assertThat(ours).as("the new client's selector thread").hasSize(1);
        d.close();
        assertThat(selectorThreads()).doesNotContainAnyElementsOf(ours);
        assertThat(selectorThreads()).as("other clients' selector threads are left alone").containsAll(before);
    }

    @Test
    void fetchesAndThenAnswersNotModified() throws Exception {
        DownloadResult first = downloader.fetch(request("Packages", -1, null));
        assertThat(first).isInstanceOf(DownloadResult.Fetched.class);
        assertThat(Files.readAllBytes(out.resolve("Packages"))).isEqualTo(content);
        Validators v = ((DownloadResult.Fetched) first).validators();
        assertThat(v.etag()).isNotNull();
        assertThat(downloader.fetch(request("Packages", -1, v))).isInstanceOf(DownloadResult.NotModified.class);
    }

    @Test
    void missingFileIsNotFoundAndNotRetried() {
        assertThatThrownBy(() -> downloader.fetch(request("nope", -1, null)))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageContaining("nope").hasMessageContaining("404");
        assertThat(server.hits("nope")).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        server.inject("Packages", new StaticHttpServer.Fault.Status(503));
        assertThatThrownBy(() -> downloader.fetch(request("Packages", -1, null)))
                .isInstanceOf(FetchException.class).hasMessageContaining("503");
        assertThat(server.hits("Packages")).isEqualTo(3);
        assertThat(out.resolve("Packages")).doesNotExist();
    }

    @Test
    void truncatedBodyNeverLandsUnderTheTargetName() throws Exception {
        Files.writeString(out.resolve("Packages"), "previous copy");
        server.inject("Packages", new StaticHttpServer.Fault.Truncate(1000));
        assertThatThrownBy(() -> downloader.fetch(request("Packages", -1, null))).isInstanceOf(FetchException.class);
        assertThat(Files.readString(out.resolve("Packages"))).isEqualTo("previous copy");
        assertThat(out.resolve("Packages.partial")).doesNotExist();
    }

    @Test
    void aResumableDownloadContinuesWhereTheLastAttemptStopped() throws Exception {
        HttpDownloader once = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 0);
        DownloadRequest req = new DownloadRequest(server.baseUri().resolve("Packages"), out.resolve("Packages"),
                content.length, Validators.NONE, true);
        server.inject("Packages", new StaticHttpServer.Fault.Truncate(100_000));
        assertThatThrownBy(() -> once.fetch(req)).isInstanceOf(FetchException.class);
        assertThat(out.resolve("Packages")).doesNotExist();
        // The server sends 100,000 bytes and closes; a close that races the last segments may cost the client a
        // few of them (seen once: 98,129), so the test takes what was kept rather than assuming all arrived.
        long kept = Files.size(out.resolve("Packages.partial"));
        assertThat(kept).as("kept for the next attempt").isBetween(50_000L, 100_000L);

        server.clearFaults();
        long before = server.bytesServed();
        DownloadResult r = once.fetch(req);
        assertThat(r).isInstanceOf(DownloadResult.Fetched.class);
        assertThat(((DownloadResult.Fetched) r).bytes()).isEqualTo(content.length - kept);
        assertThat(server.bytesServed() - before).as("only the rest was sent").isEqualTo(content.length - kept);
        assertThat(Files.readAllBytes(out.resolve("Packages"))).isEqualTo(content);
        assertThat(out.resolve("Packages.partial")).doesNotExist();
        once.close();
    }

    @Test
    void aPartialBodyLongerThanTheFileStartsOver() throws Exception {
        Files.write(out.resolve("Packages.partial"), new byte[content.length]);
        DownloadRequest req = new DownloadRequest(server.baseUri().resolve("Packages"), out.resolve("Packages"),
                -1, Validators.NONE, true);
        downloader.fetch(req);
        assertThat(Files.readAllBytes(out.resolve("Packages"))).isEqualTo(content);
    }

    @Test
    void bodiesLargerThanTheCapAreRefused() {
        assertThatThrownBy(() -> downloader.fetch(request("Packages", 1000, null)))
                .isInstanceOf(FetchException.class).hasMessageContaining("1000");
        assertThat(out.resolve("Packages")).doesNotExist();
    }

    @Test
    void fileUrisAreCopied() throws Exception {
        DownloadResult r = downloader.fetch(new DownloadRequest(docRoot.resolve("Packages").toUri(),
                out.resolve("copy"), -1, null));
        assertThat(r).isInstanceOf(DownloadResult.Fetched.class);
        assertThat(Files.readAllBytes(out.resolve("copy"))).isEqualTo(content);
    }

    @Test
    void theDigestIsFedExactlyTheFetchedFileAfterFailuresResumesAndForFileUris() throws Exception {
        byte[] want = java.security.MessageDigest.getInstance("SHA-256").digest(content);
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");

        server.inject("Packages", new StaticHttpServer.Fault.Truncate(1000));
        assertThatThrownBy(() -> downloader.fetch(request("Packages", -1, null), md)).isInstanceOf(FetchException.class);
        server.clearFaults();
        downloader.fetch(request("Packages", -1, null), md);
        assertThat(md.digest()).as("what failed attempts fed is forgotten").isEqualTo(want);

        DownloadRequest resumable = new DownloadRequest(server.baseUri().resolve("Packages"), out.resolve("R"),
                content.length, Validators.NONE, true);
        Files.write(out.resolve("R.partial"), java.util.Arrays.copyOf(content, 5000));
        downloader.fetch(resumable, md);
        assertThat(md.digest()).as("the kept prefix counts").isEqualTo(want);

        downloader.fetch(new DownloadRequest(docRoot.resolve("Packages").toUri(), out.resolve("copy"), -1, null), md);
        assertThat(md.digest()).isEqualTo(want);
    }
}
