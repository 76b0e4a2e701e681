package dev.peerget.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.fetch.swarm.FetchItem;
import dev.peerget.fetch.swarm.FetchReport;
import dev.peerget.fetch.swarm.FetchSource;
import dev.peerget.fetch.swarm.FetchTotals;
import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetchProgressPrinterTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static FetchItem item(String label, long size) {
        return new FetchItem(label, new Checksum(HashAlgorithm.SHA256, "a".repeat(64)), size,
                List.of(URI.create("http://deb.example.org/debian/pool/main/h/hello/hello_2.10-3_amd64.deb")), null);
    }

    @Test
    void plainLinesWithoutATerminalAndTheSummary() {
        FetchProgressPrinter p = new FetchProgressPrinter(new PrintWriter(out), new PrintWriter(err), false);
        p.done(item("hello 2.10-3 amd64", 53_100), FetchSource.MIRROR, 53_100, Path.of("hello.deb"));
        p.done(item("libc6 2.36-9 amd64", 2_800_000), FetchSource.PEERS, 2_800_000, Path.of("libc6.deb"));
        p.done(item("cached 1 all", 10), FetchSource.CACHE, 0, Path.of("cached.deb"));
        p.progress(new FetchTotals(3, 3, 1, 1, 1, 0, 1, 1, 1));
        p.notice("the swarm is slow");
        p.summary(new FetchReport(List.of(), List.of(), new FetchTotals(3, 3, 2_853_110, 2_853_110, 2_800_000, 0,
                53_100, 2, 0), 14, Duration.ofMillis(2500), List.of()));
        assertThat(out.toString()).isEqualTo("""
                Get:1 http://deb.example.org/debian hello 2.10-3 amd64 [53.1 kB]
                Get:2 peers libc6 2.36-9 amd64 [2.80 MB]
                Fetched 2.85 MB in 2.5s (1.14 MB/s): 2.80 MB from 14 peers, 53.1 kB from mirror
                """);
        assertThat(err.toString()).isEqualTo("N: the swarm is slow\n");
    }

    @Test
    void debugAddsTheExactByteCountsOnStandardErrorAndCountsPieceRangesAsMirrorBytes() {
        FetchProgressPrinter p = new FetchProgressPrinter(new PrintWriter(out), new PrintWriter(err), false, true);
        p.summary(new FetchReport(List.of(), List.of(), new FetchTotals(3, 3, 2_853_110, 2_853_110, 2_801_664, 16_384,
                53_100, 2, 0), 14, Duration.ofMillis(2500), List.of()));
        assertThat(out.toString()).isEqualTo(
                "Fetched 2.87 MB in 2.5s (1.15 MB/s): 2.80 MB from 14 peers, 69.5 kB from mirror\n");
        assertThat(err.toString()).isEqualTo("D: fetch: 3 files, 2853110 bytes; received 2801664 bytes from peers, "
                + "16384 from mirrors by piece ranges, 53100 from mirrors; 2500 ms; at most 14 peers\n");
    }

    @Test
    void aTerminalGetsAStatusLineThatIsClearedBeforeOtherLines() {
        FetchProgressPrinter p = new FetchProgressPrinter(new PrintWriter(out), new PrintWriter(err), true);
        p.progress(new FetchTotals(2, 1, 2000, 1000, 1000, 0, 0, 1, 500));
        p.done(item("hello 2.10-3 amd64", 1000), FetchSource.PEERS, 1000, Path.of("hello.deb"));
        assertThat(out.toString()).startsWith("\r50% [1/2 files] 500 B/s  peers 1.00 kB  mirror 0 B")
                .contains("\r" + " ".repeat(50) + "\rGet:1 peers hello");
    }
}
