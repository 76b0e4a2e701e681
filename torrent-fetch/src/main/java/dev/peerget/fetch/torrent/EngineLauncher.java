package dev.peerget.fetch.torrent;

import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.torrent.internal.EngineMain;
import dev.peerget.fetch.torrent.internal.NativeLibrary;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts an {@link EngineProcess}'s child: the command line of its JVM, libtorrent4j's native library extracted
 * for it, and {@code LD_PRELOAD} of the JVM's signal-chaining library (see {@link EngineProcess} for why).
 */
final class EngineLauncher {
    private EngineLauncher() {
    }

    /**
     * Starts the child of {@code config} in {@code cacheDir} (the absolute {@link EngineConfig#cacheDir()}); throws
     * FetchException if it cannot.
     */
    static Process start(EngineConfig config, Path cacheDir) {
        Path jsig = config.javaHome().resolve("lib/server/libjsig.so");
        Path java = config.javaHome().resolve("bin/java");
        if (!Files.isRegularFile(jsig) || !Files.isExecutable(java)) {
            throw new FetchException("cannot start the torrent engine: " + config.javaHome()
                    + " has no bin/java or lib/server/libjsig.so", "use a full JDK or JRE (HotSpot server VM)", null,
                    FetchException.Reason.FAILED);
        }
        Path library;
        try {
            library = NativeLibrary.extract(cacheDir);
        } catch (IOException e) {
            throw new FetchException("cannot extract libtorrent4j's native library into " + config.cacheDir() + ": "
                    + e.getMessage(), null, e, FetchException.Reason.FAILED);
        }
        List<String> command = new ArrayList<>(config.runAs());
        command.addAll(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
                // C1 alone, as the seeding daemon: libtorrent does the work in native code, and C2 compiled the
                // child's glue with about 0.1 s of CPU at every start, competing with the fetch for the cores.
                "-XX:TieredStopAtLevel=1",
                "-Dlibtorrent4j.jni.path=" + library,
                // A crash report goes into the cache directory, not into whatever directory the CLI was started
                // in; a core dump of a JVM is hundreds of MB that nobody asked for.
                "-XX:ErrorFile=" + cacheDir.resolve("engine-crash-%p.log"), "-XX:-CreateCoredumpOnCrash",
                "-cp", config.classPath() != null ? config.classPath()
                        : NativeLibrary.engineClasses() + File.pathSeparator + NativeLibrary.javaJar(),
                EngineMain.class.getName(), config.listenInterfaces()));
        if (config.localOnly()) {
            command.add("local");
        }
        if (config.alertLog() != null) {
            command.add("alert-log=" + config.alertLog().toAbsolutePath());
        }
        if (config.webSeeds()) {
            command.add("web-seeds");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(cacheDir.toFile());
        builder.environment().put("LD_PRELOAD", jsig.toString());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new FetchException("cannot start the torrent engine (" + java + "): " + e.getMessage(), null, e,
                    FetchException.Reason.FAILED);
        }
    }
}
