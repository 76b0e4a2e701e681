package dev.peerget.cache;

import dev.peerget.repo.deb.Deb822Reader;
import dev.peerget.repo.deb.Stanza;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link PackageMarks} as a control-format file in the style of apt's
 * {@code extended_states} ({@code Package}, {@code Architecture}, {@code Auto-Installed: 1}, {@code Hold: 1}); an
 * explicit manual mark is written as {@code Auto-Installed: 0}, as apt-mark leaves it.
 * Writes replace the file atomically. Not thread-safe; callers hold the root's lock when writing.
 */
public final class MarkStore {
    private final Path file;

    public MarkStore(Path file) {
        this.file = file;
    }

    public PackageMarks read() {
        Set<String> auto = new HashSet<>();
        Set<String> held = new HashSet<>();
        Set<String> manual = new HashSet<>();
        try (InputStream in = Files.newInputStream(file); Deb822Reader reader = new Deb822Reader(in, file.toString())) {
            reader.forEach(s -> collect(s, auto, held, manual));
        } catch (NoSuchFileException e) {
            return PackageMarks.NONE;
        } catch (IOException e) {
            throw new CacheException("cannot read " + file + ": " + e.getMessage(), "check its permissions", e);
        }
        return PackageMarks.of(auto, held, manual);
    }

    private static void collect(Stanza s, Set<String> auto, Set<String> held, Set<String> manual) {
        String name = s.value("Package", "");
        String arch = s.value("Architecture", "");
        if (name.isEmpty()) {
            return;
        }
        String key = PackageMarks.key(name, arch);
        String autoInstalled = s.value("Auto-Installed", "");
        if (autoInstalled.equals("1")) {
            auto.add(key);
        } else if (autoInstalled.equals("0")) {
            manual.add(key); // written by peerget for an explicit manual mark
        }
        if (s.value("Hold", "0").equals("1")) {
            held.add(key);
        }
    }

    public void write(PackageMarks marks) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, boolean[]> e : marks.byKey().entrySet()) {
            int colon = e.getKey().lastIndexOf(':');
            sb.append("Package: ").append(e.getKey(), 0, colon).append('\n')
                    .append("Architecture: ").append(e.getKey().substring(colon + 1)).append('\n');
            if (e.getValue()[0] || e.getValue()[2]) {
                sb.append("Auto-Installed: ").append(e.getValue()[0] ? "1" : "0").append('\n');
            }
            if (e.getValue()[1]) {
                sb.append("Hold: 1\n");
            }
            sb.append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CacheException("cannot write " + file + ": " + e.getMessage(),
                    "check that the state directory is writable (are you root?)", e);
        }
    }
}
