package dev.peerget.fetch.torrent;

import dev.peerget.fetch.torrent.internal.NativeLibrary;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.libtorrent4j.TorrentBuilder;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.swig.file_storage;
import org.libtorrent4j.swig.info_hash_t;

/**
 * What libtorrent itself makes of a torrent, asked in a child JVM started like the engine's (libjsig preloaded,
 * the native library from the cache directory): libtorrent4j replaces the JVM's signal handlers, so it never loads
 * into the test JVM. {@link #main} is the child; {@link #show} and {@link #createHybrid} the parent's side.
 */
final class LibtorrentView {
    /**
     * One file as libtorrent lays it out.
     *
     * @param root the hex pieces root, all zeros when there is none (pads, empty files)
     */
    record LtFile(int index, String path, long size, long offset, boolean pad, String root) {}

    /**
     * A loaded torrent: its info hashes (hex; v2 full length; "-" when absent) and files, or the error that
     * refused it.
     *
     * @param best what libtorrent 2.0's deprecated {@code info_hash()} returns (and the engine's ADDED reports)
     */
    record View(String v1, String v2, String best, List<LtFile> files, String error) {}

    private LibtorrentView() {}

    /** libtorrent's view of {@code torrent}. */
    static View show(Path cache, Path torrent) throws Exception {
        List<String> lines = run(cache, "show", torrent.toString());
        String v1 = null;
        String v2 = null;
        String best = null;
        String error = null;
        List<LtFile> files = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "HASHES" -> {
                    v1 = f[1];
                    v2 = f[2];
                    best = f[3];
                }
                case "FILE" -> files.add(new LtFile(Integer.parseInt(f[1]), f[6], Long.parseLong(f[2]),
                        Long.parseLong(f[3]), f[4].equals("pad"), f[5]));
                case "ERROR" -> error = f[1];
                default -> throw new IllegalStateException("unexpected output: " + lines);
            }
        }
        return new View(v1, v2, best, files, error);
    }

    /** The hybrid torrent libtorrent's own creator makes of every file under {@code dir}, no creation date. */
    static byte[] createHybrid(Path cache, Path dir, int pieceLength) throws Exception {
        Path out = cache.resolve("libtorrent-" + dir.getFileName() + ".torrent");
        run(cache, "create", dir.toString(), Integer.toString(pieceLength), out.toString());
        return Files.readAllBytes(out);
    }

    private static List<String> run(Path cache, String... args) throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path library = NativeLibrary.extract(cache);
        Path testClasses = Path.of(LibtorrentView.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-Xmx64m",
                "-Dlibtorrent4j.jni.path=" + library, "-Dsun.stdout.encoding=UTF-8", "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + cache.resolve("view-crash-%p.log"),
                "-cp", testClasses + File.pathSeparator + NativeLibrary.javaJar(), LibtorrentView.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cache.toFile()).redirectErrorStream(true);
        builder.environment().put("LD_PRELOAD", javaHome.resolve("lib/server/libjsig.so").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("libtorrent child " + List.of(args) + " failed: " + output);
        }
        return output.lines().toList();
    }

    /** The child: {@code show FILE} or {@code create DIR PIECE_LENGTH OUT}; tab-separated lines on stdout. */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("create")) {
            // No flags: libtorrent 2.0 makes a hybrid (v1 + v2) torrent unless told V1_ONLY or V2_ONLY.
            TorrentBuilder.Result result = new TorrentBuilder().path(new File(args[1]))
                    .pieceSize(Integer.parseInt(args[2])).creator("libtorrent").creationDate(0).generate();
            Files.write(Path.of(args[3]), result.entry().bencode());
            return;
        }
        TorrentInfo info;
        try {
            info = new TorrentInfo(new File(args[1]));
        } catch (RuntimeException e) {
            System.out.println("ERROR\t" + e.getMessage());
            return;
        }
        info_hash_t hashes = info.swig().info_hashes();
        System.out.println(String.join("\t", "HASHES", hashes.has_v1() ? hashes.getV1().to_hex() : "-",
                hashes.has_v2() ? hashes.getV2().to_hex() : "-", info.infoHash().toHex()));
        file_storage files = info.swig().files();
        for (int i = 0; i < files.num_files(); i++) {
            System.out.println(String.join("\t", "FILE", Integer.toString(i), Long.toString(files.file_size(i)),
                    Long.toString(files.file_offset(i)), files.pad_file_at(i) ? "pad" : "file",
                    files.root(i).to_hex(), files.file_path(i)));
        }
    }
}
