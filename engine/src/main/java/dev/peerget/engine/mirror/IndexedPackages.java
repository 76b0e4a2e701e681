package dev.peerget.engine.mirror;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.repo.compress.Compression;
import dev.peerget.repo.deb.Deb822Reader;
import dev.peerget.repo.deb.IndexFile;
import dev.peerget.repo.deb.ReleaseFile;
import dev.peerget.repo.deb.Stanza;
import dev.peerget.repo.rpm.PrimaryParser;
import dev.peerget.repo.rpm.Repomd;
import dev.peerget.repo.rpm.RepomdData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The package files a repository's indexes list, with the sizes they state: what goes into its torrent. Paths
 * are relative to the repository root and {@code /}-separated, exactly as clients get them from the indexes
 * (apt's {@code Filename}, yum's {@code location href}), so a client maps a package to its torrent file by that
 * string. Every file is checked to be on disk with the stated size.
 *
 * @param sizes   path to size, sorted by path
 * @param skipped what was left out and why (packages outside the repository), for warnings
 */
record IndexedPackages(Map<String, Long> sizes, List<String> skipped) {
    /** {@code main/binary-amd64/Packages}, {@code main/debian-installer/binary-amd64/Packages.xz}, ... */
    private static final Pattern PACKAGES = Pattern.compile("(?:.+/)?binary-[^/]+/Packages(?:\\.(?:gz|xz|zst|bz2))?");
    private static final String REGENERATE_APT = "the indexes are out of step with the files: regenerate them "
            + "(apt-ftparchive, reprepro, ...) and run 'peerget mirror torrent' again";
    private static final String REGENERATE_YUM = "the indexes are out of step with the files: run createrepo_c "
            + "and then 'peerget mirror torrent' again";

    IndexedPackages {
        sizes = java.util.Collections.unmodifiableMap(new TreeMap<>(sizes));
        skipped = List.copyOf(skipped);
    }

    /** Every package of the Packages indexes a suite's Release lists (each checked against the Release). */
    static IndexedPackages ofAptSuite(Path root, Path suiteDir, ReleaseFile release, String releaseName) {
        Map<String, List<IndexFile>> byStem = new LinkedHashMap<>();
        for (IndexFile f : release.files().values()) {
            if (PACKAGES.matcher(f.path()).matches()) {
                byStem.computeIfAbsent(Compression.fromFileName(f.path()).strip(f.path()), k -> new ArrayList<>())
                        .add(f);
            }
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, List<IndexFile>> stem : byStem.entrySet()) {
            IndexFile index = onDisk(suiteDir, stem.getValue()).orElseThrow(() -> new MirrorException(releaseName
                    + " lists " + stem.getKey() + " but no variant of it is in " + suiteDir, REGENERATE_APT));
            Path file = suiteDir.resolve(index.path());
            FileDigests.check(file, index.size(), strongest(index), releaseName, REGENERATE_APT);
            try (InputStream in = Compression.fromFileName(index.path()).decompress(Files.newInputStream(file));
                    Deb822Reader reader = new Deb822Reader(in, file.toString())) {
                for (Optional<Stanza> s = reader.next(); s.isPresent(); s = reader.next()) {
                    add(sizes, skipped, s.get().value("Filename", ""), size(s.get()), file.toString());
                }
            } catch (IOException e) {
                throw new MirrorException("cannot read " + file + ": " + e.getMessage(), REGENERATE_APT, e);
            }
        }
        return checked(root, sizes, skipped, REGENERATE_APT);
    }

    /** Every package of the repository's primary metadata (checked against repomd.xml). */
    static IndexedPackages ofYum(Path root, Repomd repomd, String repomdName) {
        RepomdData primary = repomd.data("primary").orElseThrow(() -> new MirrorException(
                repomdName + " lists no primary metadata", REGENERATE_YUM));
        Path file = root.resolve(primary.location());
        FileDigests.check(file, primary.size() >= 0 ? primary.size() : sizeOf(file), primary.checksum(), repomdName,
                REGENERATE_YUM);
        Map<String, Long> sizes = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        try (InputStream in = Compression.fromFileName(primary.location()).decompress(Files.newInputStream(file))) {
            PrimaryParser.parse(in, file.toString(), r -> add(sizes, skipped, r.location(), r.size(), file.toString()));
        } catch (IOException e) {
            throw new MirrorException("cannot read " + file + ": " + e.getMessage(), REGENERATE_YUM, e);
        }
        return checked(root, sizes, skipped, REGENERATE_YUM);
    }

    private static void add(Map<String, Long> sizes, List<String> skipped, String location, long size, String index) {
        String path = location;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        if (path.isEmpty()) {
            skipped.add("a package in " + index + " has no file name");
            return;
        }
        if (!isInside(path)) {
            skipped.add(location + " (listed in " + index + ") is not below the repository root");
            return;
        }
        Long old = sizes.put(path, size);
        if (old != null && old != size) {
            throw new MirrorException(path + " is listed with " + old + " and " + size + " bytes in " + index,
                    "the indexes contradict each other: regenerate them");
        }
    }

    private static boolean isInside(String path) {
        if (path.startsWith("/") || path.contains("://") || path.contains("\\")) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static IndexedPackages checked(Path root, Map<String, Long> sizes, List<String> skipped, String hint) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            Path file = root.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                missing.add(e.getKey());
            } else if (sizeOf(file) != e.getValue()) {
                throw new MirrorException(file + " has " + sizeOf(file) + " bytes but its index states "
                        + e.getValue(), hint);
            }
        }
        if (!missing.isEmpty()) {
            throw new MirrorException(missing.size() + " package file(s) the indexes list are missing under " + root
                    + ", e.g. " + String.join(", ", missing.subList(0, Math.min(3, missing.size()))), hint);
        }
        return new IndexedPackages(sizes, skipped);
    }

    /** The first listed variant of an index that exists, uncompressed preferred (the cheapest to read). */
    private static Optional<IndexFile> onDisk(Path suiteDir, List<IndexFile> variants) {
        for (Compression c : Compression.values()) {
            for (IndexFile f : variants) {
                if (Compression.fromFileName(f.path()) == c && Files.isRegularFile(suiteDir.resolve(f.path()))) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    private static Checksum strongest(IndexFile index) {
        return index.checksum(HashAlgorithm.SHA512).or(() -> index.checksum(HashAlgorithm.SHA256))
                .or(index::strongest).orElse(null);
    }

    private static long size(Stanza s) {
        String v = s.value("Size", "").strip();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new MirrorException(s.source() + ":" + s.line() + ": Size '" + v + "' is not a number",
                    REGENERATE_APT);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new MirrorException("cannot read " + file + ": " + e.getMessage(), null, e);
        }
    }
}
