package dev.peerget.fetch.torrent.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.libtorrent4j.Vectors;
import org.libtorrent4j.swig.add_torrent_params;
import org.libtorrent4j.swig.error_code;
import org.libtorrent4j.swig.libtorrent;

/**
 * libtorrent resume data files: the have-pieces bitfield, file sizes and modification times, counters. Handed
 * back to libtorrent on the next add, they let it skip hashing the data (it only compares sizes and times, and
 * checks everything if they differ). Child side only: this class loads libtorrent4j.
 */
final class ResumeData {
    private ResumeData() {}

    /**
     * The parameters stored in {@code file} if it exists, parses and belongs to the torrent {@code infoHash}, else
     * null: a missing, damaged or foreign file costs a full check, never a failed add.
     */
    static add_torrent_params read(Path file, String infoHash) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        error_code ec = new error_code();
        add_torrent_params params = libtorrent.read_resume_data_ex(Vectors.bytes2byte_vector(bytes), ec);
        if (ec.value() != 0 || !params.getInfo_hashes().get_best().to_hex().equals(infoHash)) {
            return null;
        }
        return params;
    }

    /** Writes {@code bytes} to {@code file} through a temporary file and a rename: a crash leaves the old file. */
    static void write(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".part");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
