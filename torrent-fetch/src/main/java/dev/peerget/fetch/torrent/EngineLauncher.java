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
 * for it, {@code LD_PRELOAD} of the JVM's signal-chaining library (see {@link EngineProcess} for why), and its
 * class-data-sharing archive ({@link EngineArchive}).
 */
final class EngineLauncher {
    private EngineLauncher() {
    }

    /**
     * Starts the child of {@code config} in {@code cacheDir} (the absolute {@link EngineConfig#cacheDir()}); throws
     * FetchException if it cannot. The child maps its class-data-sharing archive when there is one
     * ({@link EngineArchive}); otherwise the returned launch's {@link Launch#trainArchive} makes it.
     */
    static Launch start(EngineConfig config, Path cacheDir) {
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
        List<String> jvm = List.of("-Xmx64m", "-XX:+UseSerialGC",
                // C1 alone, as the seeding daemon: libtorrent does the work in native code, and C2 compiled the
                // child's glue with about 0.1 s of CPU at every start, competing with the fetch for the cores.
                "-XX:TieredStopAtLevel=1",
                "-Dlibtorrent4j.jni.path=" + library,
                // A crash report goes into the cache directory, not into whatever directory the CLI was started
                // in; a core dump of a JVM is hundreds of MB that nobody asked for.
                "-XX:ErrorFile=" + cacheDir.resolve("engine-crash-%p.log"), "-XX:-CreateCoredumpOnCrash");
        String classPath = config.classPath() != null ? config.classPath()
                : NativeLibrary.engineClasses() + File.pathSeparator + NativeLibrary.javaJar();
        EngineArchive archive = EngineArchive.of(config.classDataDir(), config.javaHome(), classPath);
        Path mapped = archive == null ? null : archive.existing();
        List<String> command = new ArrayList<>(config.runAs());
        command.add(java.toString());
        command.addAll(jvm);
        if (mapped != null) {
            command.addAll(EngineArchive.options(mapped));
        }
        command.addAll(List.of("-cp", classPath, EngineMain.class.getName(), config.listenInterfaces()));
        if (config.localOnly()) {
            command.add("local");
        }
        if (config.alertLog() != null) {
            command.add("alert-log=" + config.alertLog().toAbsolutePath());
        }
        if (config.webSeeds()) {
            command.add("web-seeds");
        }
        try {
            Process process = builder(cacheDir, jsig).command(command).start();
            Runnable train = archive == null || mapped != null ? () -> { }
                    : () -> archive.train(config.runAs(), java, jvm, classPath,
                            List.of(EngineMain.class.getName(), "127.0.0.1:0", "local"), builder(cacheDir, jsig));
            return new Launch(process, train);
        } catch (IOException e) {
            throw new FetchException("cannot start the torrent engine (" + java + "): " + e.getMessage(), null, e,
                    FetchException.Reason.FAILED);
        }
    }

    private static ProcessBuilder builder(Path cacheDir, Path jsig) {
        ProcessBuilder builder = new ProcessBuilder().directory(cacheDir.toFile());
        builder.environment().put("LD_PRELOAD", jsig.toString());
        return builder;
    }

    /**
     * A started child, and what makes its class-data-sharing archive in the background once it has stopped (a
     * no-op when it mapped one, or has none): a local-only engine on a free loopback port, as its user.
     */
    record Launch(Process process, Runnable trainArchive) {
    }
}
