package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.MetadataException;
import dev.peerget.repo.compress.Compression;
import dev.peerget.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StanzaReadAheadTest {
    private static final String BOOKWORM = "apt/debian-bookworm-fetched/main/binary-amd64/Packages.gz";

    private static InputStream bookworm() throws IOException {
        return Compression.GZIP.decompress(Files.newInputStream(Corpus.path(BOOKWORM)));
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void deliversEveryStanzaInOrderAsTheReaderReadsThem() throws IOException {
        List<Stanza> direct = new ArrayList<>();
        try (Deb822Reader r = new Deb822Reader(bookworm(), BOOKWORM)) {
            r.forEach(direct::add);
        }
        List<Stanza> ahead = new ArrayList<>();
        StanzaReadAhead.forEach(bookworm(), BOOKWORM, "test-stanzas-all", ahead::add);
        assertThat(ahead).hasSize(63_440).hasSameSizeAs(direct);
        for (int i = 0; i < direct.size(); i += 997) {
            assertThat(ahead.get(i).fields()).isEqualTo(direct.get(i).fields());
            assertThat(ahead.get(i).line()).isEqualTo(direct.get(i).line());
        }
        assertThat(threadAlive("test-stanzas-all")).isFalse();
    }

    @Test
    void aMalformedStanzaFailsAfterTheOnesBeforeItWithTheReadersError() {
        String text = "Package: a\nVersion: 1\n\nPackage: b\n\n".repeat(200) + "no colon here\n" + "Package: z\n";
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> StanzaReadAhead.forEach(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "P", "test-stanzas-bad",
                s -> seen.add(s.value("Package", "?"))))
                .isInstanceOf(MetadataException.class).hasMessageStartingWith("P:1001: expected 'Field: value'");
        assertThat(seen).hasSize(400).endsWith("b");
        assertThat(threadAlive("test-stanzas-bad")).isFalse();
    }

    @Test
    void aFailingConsumerStopsTheReadingAndTheStreamIsClosed() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            private final byte[] stanza = "Package: x\n\n".getBytes(StandardCharsets.UTF_8);
            private int at;

            @Override
            public int read() {
                return stanza[at++ % stanza.length];
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        int[] n = {0};
        assertThatThrownBy(() -> StanzaReadAhead.forEach(endless, "E", "test-stanzas-endless", s -> {
            if (++n[0] == 1000) {
                throw new IllegalStateException("store failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("store failed");
        assertThat(closed).isTrue();
        assertThat(threadAlive("test-stanzas-endless")).isFalse();
    }

    @Test
    void aReadErrorSurfacesAfterTheStanzasBeforeIt() {
        InputStream failing = new SequenceInputStream(
                new ByteArrayInputStream("Package: a\n\nPackage: b\n\n".getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Unexpected end of ZLIB input stream");
                    }
                });
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> StanzaReadAhead.forEach(failing, "T", "test-stanzas-io",
                s -> seen.add(s.value("Package", "?"))))
                .isInstanceOf(IOException.class).hasMessage("Unexpected end of ZLIB input stream");
        assertThat(seen).containsExactly("a", "b");
    }
}
