package dev.peerget.fetch.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.fetch.torrent.internal.NativeLibrary;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine child's class-data-sharing archive: made in the background after a child started without one,
 * mapped by the next child (seen in {@code /proc/PID/maps}), and harmless when it is corrupt, truncated or made for
 * another class path. The engine's classes go into a jar first: JDK 17 archives no classes from directories.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineArchiveTest {
    @TempDir
    Path dir;

    private String classPath;
    private Path archiveDir;

    @BeforeEach
    void engineJar() throws IOException {
        Path jar = dir.resolve("engine.jar");
        Path classes = NativeLibrary.engineClasses();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        classPath = jar + File.pathSeparator + NativeLibrary.javaJar();
        archiveDir = dir.resolve("cds");
    }

    @Test
    void theSecondEngineMapsTheArchiveTheFirstLeftBehind() throws Exception {
        long pid;
        try (EngineProcess first = start(classPath)) {
            pid = first.pid();
            assertThat(maps(pid)).doesNotContain(archiveDir.toString());
        }
        Path archive = awaitArchive(classPath);
        assertThat(archive.getFileName().toString()).endsWith("-" + Files.size(archive) + ".jsa");

        try (EngineProcess second = start(classPath)) {
            assertThat(second.listenPort()).isPositive();
            assertThat(maps(second.pid())).contains(archive.toString());
        }
        // The archive is there: no second training, and no attempt of another key is left.
        try (Stream<Path> files = Files.list(archiveDir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .allMatch(n -> n.endsWith(".attempt") || n.endsWith(".jsa")).hasSize(2);
        }
    }

    @Test
    void corruptTruncatedOrForeignArchivesStillGiveAWorkingEngine() throws Exception {
        try (EngineProcess first = start(classPath)) {
            assertThat(first.listenPort()).isPositive();
        }
        Path archive = awaitArchive(classPath);
        byte[] good = Files.readAllBytes(archive);

        // Garbage of the right length: passed, and refused by the JVM (bad magic).
        byte[] garbage = new byte[good.length];
        new java.util.Random(1).nextBytes(garbage);
        Files.write(archive, garbage);
        assertWorksWithoutMapping(classPath, archive);

        // Truncated: JDK 17 dies of SIGBUS mapping it, so it must not even be passed.
        Files.write(archive, java.util.Arrays.copyOf(good, good.length / 2));
        assertWorksWithoutMapping(classPath, archive);

        // Made for another class path (the same jars in the other order), under this one's name.
        String[] entries = classPath.split(File.pathSeparator);
        String reversed = entries[1] + File.pathSeparator + entries[0];
        EngineArchive other = EngineArchive.of(archiveDir, Path.of(System.getProperty("java.home")), reversed);
        Path foreign = other.file(good.length);
        Files.write(foreign, good);
        Files.delete(archive);
        assertThat(other.existing()).isEqualTo(foreign);
        assertWorksWithoutMapping(reversed, foreign);
    }

    private EngineProcess start(String path) {
        EngineConfig config = EngineConfig.of(dir.resolve("cache"), "127.0.0.1:0", true).runningAs(List.of(), path)
                .withClassData(archiveDir);
        return EngineProcess.start(config, event -> { });
    }

    private void assertWorksWithoutMapping(String path, Path archive) throws IOException {
        try (EngineProcess engine = start(path)) {
            assertThat(engine.listenPort()).isPositive();
            assertThat(maps(engine.pid())).doesNotContain(archive.getFileName().toString());
            assertThat(engine.isAlive()).isTrue();
        }
    }

    private Path awaitArchive(String path) throws InterruptedException {
        EngineArchive archive = EngineArchive.of(archiveDir, Path.of(System.getProperty("java.home")), path);
        assertThat(archive).isNotNull();
        for (int i = 0; i < 600; i++) {
            Path made = archive.existing();
            if (made != null) {
                return made;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no archive in " + archiveDir + " after 60 s");
    }

    private static String maps(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/maps"));
    }
}
