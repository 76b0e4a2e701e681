package dev.peerget.engine.update;

import dev.peerget.engine.EngineException;
import dev.peerget.repo.compress.Compression;
import java.util.ArrayList;
import java.util.List;

/** Parses the {@code index_compression} setting: the order in which compressed index variants are preferred. */
final class IndexCompressions {
    private IndexCompressions() {
    }

    static List<Compression> parse(String setting) {
        List<Compression> out = new ArrayList<>();
        for (String word : setting.split("[,\\s]+")) {
            if (word.isBlank()) {
                continue;
            }
            Compression c = switch (word) {
                case "gz" -> Compression.GZIP;
                case "xz" -> Compression.XZ;
                case "zst" -> Compression.ZSTD;
                case "bz2" -> Compression.BZIP2;
                case "none" -> Compression.NONE;
                default -> throw new EngineException("unknown compression '" + word + "' in index_compression",
                        "use some of: gz xz zst bz2 none");
            };
            out.add(c);
        }
        if (!out.contains(Compression.NONE)) {
            out.add(Compression.NONE);
        }
        return out;
    }
}
