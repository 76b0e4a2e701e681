package dev.peerget.repo.compress;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/** Compression formats of repository index files, chosen by file name suffix as apt and dnf do. */
public enum Compression {
    NONE(""),
    GZIP(".gz"),
    XZ(".xz"),
    ZSTD(".zst"),
    BZIP2(".bz2");

    private static final int BUFFER = 1 << 16;
    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** The file name suffix, empty for {@link #NONE}. */
    public String suffix() {
        return suffix;
    }

    /** The compression a file name's suffix announces; {@link #NONE} for any other name. */
    public static Compression fromFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c != NONE && lower.endsWith(c.suffix)) {
                return c;
            }
        }
        return NONE;
    }

    /** The file name without this compression's suffix. */
    public String strip(String fileName) {
        return this == NONE || !fileName.toLowerCase(Locale.ROOT).endsWith(suffix)
                ? fileName
                : fileName.substring(0, fileName.length() - suffix.length());
    }

    /**
     * Wraps {@code in} so that reading it yields the decompressed bytes. Closing the result closes {@code in}.
     * Corrupt input surfaces as an {@link IOException} from the reads.
     */
    public InputStream decompress(InputStream in) throws IOException {
        InputStream buffered = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, BUFFER);
        return switch (this) {
            case NONE -> buffered;
            case GZIP -> new GZIPInputStream(buffered, BUFFER);
            case XZ -> new XZInputStream(buffered);
            case ZSTD -> new ZstdInputStreamNoFinalizer(buffered);
            case BZIP2 -> new BZip2CompressorInputStream(buffered);
        };
    }
}
