package dev.peerget.fetch.torrent.internal;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The BitTorrent v2 hashes of one file (BEP 52): its {@code pieces root}, the root of a binary SHA-256 merkle tree
 * over the file's 16 KiB blocks (the last one may be shorter), and the tree's layer at piece size for
 * {@code piece layers}.
 *
 * <p>BEP 52 pads the leaves with zero hashes up to a power of two. Streaming, this is done a piece at a time: every
 * full piece's subtree is {@code pieceLength / 16 KiB} leaves; the last piece's leaves are padded with zero hashes to
 * the same count, and the piece layer is padded up to a power of two with the root of a subtree of zero leaves. A
 * file of at most one piece is the exception: its leaves are padded only to the next power of two of its own block
 * count, not to a whole piece (BEP 52's reference creator does the same). Both give the root over the leaves padded
 * to the next power of two, which is BEP 52's definition.
 *
 * <p>Not thread-safe: one instance per file, fed in order, finished once.
 */
public final class MerkleHasher {
    /** BEP 52's leaf size. */
    public static final int BLOCK = 16 * 1024;
    private static final byte[] ZERO_HASH = new byte[32];

    private final int pieceLength;
    private final int blocksPerPiece;
    private final MessageDigest sha256 = sha256();
    private final List<byte[]> pieceBlocks = new ArrayList<>();
    private final List<byte[]> pieceLayer = new ArrayList<>();
    private int inBlock;
    private long length;

    /** @param pieceLength the torrent's piece length: a power of two ≥ 16 KiB */
    public MerkleHasher(int pieceLength) {
        if (pieceLength < BLOCK || Integer.bitCount(pieceLength) != 1) {
            throw new IllegalArgumentException("piece length must be a power of two >= 16 KiB: " + pieceLength);
        }
        this.pieceLength = pieceLength;
        this.blocksPerPiece = pieceLength / BLOCK;
    }

    /** The file's next {@code count} bytes. */
    public void update(byte[] data, int offset, int count) {
        while (count > 0) {
            int n = Math.min(count, BLOCK - inBlock);
            sha256.update(data, offset, n);
            inBlock += n;
            length += n;
            offset += n;
            count -= n;
            if (inBlock == BLOCK) {
                endBlock();
            }
        }
    }

    /**
     * The file's hashes; call once, after the last byte.
     *
     * @return the root (null for an empty file, which BEP 52 gives none) and the piece layer (empty unless the file
     *     is larger than one piece: only those files appear in {@code piece layers})
     */
    public FileHashes finish() {
        if (inBlock > 0) {
            endBlock();
        }
        if (length == 0) {
            return new FileHashes(0, null, new byte[0]);
        }
        if (pieceLayer.isEmpty()) {
            // At most one piece, not full: leaves padded to the next power of two of its own block count.
            return new FileHashes(length, root(pieceBlocks, ZERO_HASH), new byte[0]);
        }
        if (!pieceBlocks.isEmpty()) {
            endPiece();
        }
        byte[] root = root(pieceLayer, root(nCopies(blocksPerPiece, ZERO_HASH), ZERO_HASH));
        ByteArrayOutputStream layer = new ByteArrayOutputStream(pieceLayer.size() * 32);
        if (length > pieceLength) {
            pieceLayer.forEach(layer::writeBytes);
        }
        return new FileHashes(length, root, layer.toByteArray());
    }

    private void endBlock() {
        pieceBlocks.add(sha256.digest());
        inBlock = 0;
        if (pieceBlocks.size() == blocksPerPiece) {
            endPiece();
        }
    }

    private void endPiece() {
        while (pieceBlocks.size() < blocksPerPiece) {
            pieceBlocks.add(ZERO_HASH);
        }
        pieceLayer.add(root(pieceBlocks, ZERO_HASH));
        pieceBlocks.clear();
    }

    /** The root of a tree over {@code nodes}, padded with {@code pad} to the next power of two. */
    private byte[] root(List<byte[]> nodes, byte[] pad) {
        List<byte[]> layer = new ArrayList<>(nodes);
        int width = Integer.highestOneBit(layer.size());
        if (width < layer.size()) {
            width *= 2;
        }
        while (layer.size() < width) {
            layer.add(pad);
        }
        while (layer.size() > 1) {
            List<byte[]> up = new ArrayList<>(layer.size() / 2);
            for (int i = 0; i < layer.size(); i += 2) {
                sha256.update(layer.get(i));
                sha256.update(layer.get(i + 1));
                up.add(sha256.digest());
            }
            layer = up;
        }
        return layer.get(0);
    }

    private static List<byte[]> nCopies(int count, byte[] value) {
        List<byte[]> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(value);
        }
        return list;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }

    /**
     * One file's v2 hashes.
     *
     * @param length the bytes hashed
     * @param root the 32-byte pieces root, null for an empty file
     * @param pieceLayer the concatenated 32-byte hashes of the layer at piece size, empty unless {@code length} is
     *     larger than one piece; one hash per piece of the file (hashes only balancing the tree left out)
     */
    public record FileHashes(long length, byte[] root, byte[] pieceLayer) {
        public FileHashes {
            root = root == null ? null : root.clone();
            pieceLayer = pieceLayer.clone();
        }

        @Override
        public byte[] root() {
            return root == null ? null : root.clone();
        }

        @Override
        public byte[] pieceLayer() {
            return pieceLayer.clone();
        }
    }
}
