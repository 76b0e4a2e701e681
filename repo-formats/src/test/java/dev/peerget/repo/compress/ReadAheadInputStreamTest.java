package dev.peerget.repo.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {
    @Test
    void yieldsExactlyTheSourcesBytesWhateverTheReadSizes() throws IOException {
        byte[] data = new byte[1_000_003];
        new Random(7).nextBytes(data);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(data);
        }
        Random sizes = new Random(3);
        try (InputStream in = new ReadAheadInputStream(Compression.GZIP.decompress(
                new ByteArrayInputStream(gz.toByteArray())), 4096, 3, "test-read-ahead")) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[10_000];
            int n;
            while (true) {
                if (sizes.nextInt(10) == 0) {
                    n = in.read();
                    if (n < 0) {
                        break;
                    }
                    got.write(n);
                    continue;
                }
                n = in.read(buf, 0, 1 + sizes.nextInt(buf.length));
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
            }
            assertThat(got.toByteArray()).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aFailureOfTheSourceSurfacesFromTheReadThatReachesIt() throws IOException {
        byte[] gz = new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3}; // a gzip header, then garbage
        try (InputStream in = new ReadAheadInputStream(Compression.GZIP.decompress(new ByteArrayInputStream(gz)),
                4096, 2, "test-read-ahead")) {
            assertThatThrownBy(() -> in.readAllBytes()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void closingStopsTheThreadAndClosesTheSource() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        ReadAheadInputStream in = new ReadAheadInputStream(endless, 1024, 2, "test-read-ahead-endless");
        assertThat(in.read()).isEqualTo('x');
        in.close();
        assertThat(closed).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-read-ahead-endless"));
    }
}
