package dev.peerget.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticHttpServerTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private byte[] content;

    @BeforeEach
    void writeFile() throws IOException {
        content = new byte[10_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Files.write(dir.resolve("blob"), content);
    }

    private HttpRequest get(StaticHttpServer server, String path) {
        return HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void servesTheWholeFile() throws Exception {
        try (StaticHttpServer server = StaticHttpServer.serve(dir)) {
            HttpResponse<byte[]> response = client.send(get(server, "blob"), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(content);
            assertThat(server.bytesServed()).isEqualTo(content.length);
            assertThat(server.hits("blob")).isEqualTo(1);
        }
    }

    @Test
    void truncationEndsTheConnectionBeforeTheAnnouncedLength() throws Exception {
        try (StaticHttpServer server = StaticHttpServer.serve(dir)) {
            server.inject("blob", new StaticHttpServer.Fault.Truncate(1234));
            // The client must notice: a premature end of a Content-Length body is an I/O error, not a short file.
            assertThatThrownBy(() -> client.send(get(server, "blob"), HttpResponse.BodyHandlers.ofByteArray()))
                    .isInstanceOf(IOException.class);
            assertThat(server.bytesServed()).isEqualTo(1234);

            // The server keeps working for the next request once the fault is cleared.
            server.clearFaults();
            HttpResponse<byte[]> response = client.send(get(server, "blob"), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.body()).isEqualTo(content);
        }
    }

    @Test
    void truncationDeliversTheBytesBeforeTheCut() throws Exception {
        try (StaticHttpServer server = StaticHttpServer.serve(dir)) {
            server.inject("blob", new StaticHttpServer.Fault.Truncate(1234));
            HttpResponse<java.io.InputStream> response =
                    client.send(get(server, "blob"), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
            byte[] received = new byte[content.length];
            int n = 0;
            try (var in = response.body()) {
                while (n < received.length) {
                    int r = in.read(received, n, received.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (IOException expected) {
                // the cut surfaces as an exception or as an early end of stream; either way n < length
            }
            assertThat(n).isEqualTo(1234);
            assertThat(Arrays.copyOf(received, n)).isEqualTo(Arrays.copyOf(content, 1234));
        }
    }

    @Test
    void corruptionFlipsOneByteAndStatusFaultAnswersEmpty() throws Exception {
        try (StaticHttpServer server = StaticHttpServer.serve(dir)) {
            server.inject("blob", new StaticHttpServer.Fault.Corrupt());
            byte[] body = client.send(get(server, "blob"), HttpResponse.BodyHandlers.ofByteArray()).body();
            assertThat(body).hasSameSizeAs(content).isNotEqualTo(content);

            server.inject("blob", new StaticHttpServer.Fault.Status(503));
            assertThat(client.send(get(server, "blob"), HttpResponse.BodyHandlers.ofByteArray()).statusCode())
                    .isEqualTo(503);
        }
    }

    @Test
    void answersRangesAndConditionalRequests() throws Exception {
        try (StaticHttpServer server = StaticHttpServer.serve(dir)) {
            HttpResponse<byte[]> partial = client.send(HttpRequest.newBuilder(server.baseUri().resolve("blob"))
                    .header("Range", "bytes=100-199").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(partial.statusCode()).isEqualTo(206);
            assertThat(partial.body()).isEqualTo(Arrays.copyOfRange(content, 100, 200));

            String etag = partial.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> again = client.send(HttpRequest.newBuilder(server.baseUri().resolve("blob"))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(again.statusCode()).isEqualTo(304);
        }
    }
}
