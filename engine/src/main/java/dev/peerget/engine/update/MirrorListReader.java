package dev.peerget.engine.update;

import dev.peerget.fetch.http.DownloadRequest;
import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.rpm.YumRepoConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Works out a yum repository's base URLs: {@code baseurl} as given, else the URLs of its {@code mirrorlist}
 * (one URL a line, {@code #} comments) or {@code metalink} (the {@code <url>}s of its {@code repomd.xml} file
 * entry, whose {@code repodata/repomd.xml} suffix is cut off), in the order listed. A metalink also carries the
 * size and hashes repomd.xml must have (librepo and dnf check them; with {@code repo_gpgcheck=0} they are what
 * ties the metadata to the metalink).
 */
final class MirrorListReader {
    private static final long MAX_LIST_SIZE = 4 << 20;
    private static final String REPOMD = "repomd.xml";
    private static final String REPOMD_SUFFIX = "repodata/" + REPOMD;

    /**
     * @param bases        the base URLs, in order
     * @param repomdSize   the size repomd.xml must have, -1 when not known
     * @param repomdHashes the digests repomd.xml must have, by algorithm name as the metalink spells it
     *                     ({@code sha256}, {@code sha512}, …); empty when not known
     */
    record Mirrors(List<URI> bases, long repomdSize, Map<String, String> repomdHashes) {
        Mirrors {
            bases = List.copyOf(bases);
            repomdHashes = Map.copyOf(repomdHashes);
        }
    }

    private final HttpDownloader downloader;

    MirrorListReader(HttpDownloader downloader) {
        this.downloader = downloader;
    }

    List<URI> baseUris(YumRepoConfig repo, Path workDir) {
        return mirrors(repo, workDir).bases();
    }

    Mirrors mirrors(YumRepoConfig repo, Path workDir) {
        List<URI> out = new ArrayList<>();
        for (String url : repo.baseUrls()) {
            out.add(URI.create(url));
        }
        if (!out.isEmpty()) {
            return new Mirrors(out, -1, Map.of());
        }
        Mirrors mirrors;
        try {
            if (repo.mirrorlist() != null) {
                Path file = workDir.resolve("mirrorlist");
                downloader.fetch(new DownloadRequest(URI.create(repo.mirrorlist()), file, MAX_LIST_SIZE, null));
                for (String line : Files.readAllLines(file)) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        out.add(URI.create(l));
                    }
                }
                mirrors = new Mirrors(out, -1, Map.of());
            } else if (repo.metalink() != null) {
                Path file = workDir.resolve("metalink.xml");
                downloader.fetch(new DownloadRequest(URI.create(repo.metalink()), file, MAX_LIST_SIZE, null));
                mirrors = metalink(file, repo.metalink());
            } else {
                return new Mirrors(List.of(), -1, Map.of());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new MetadataException("cannot read the mirror list of repository '" + repo.id() + "': "
                    + e.getMessage(), "check mirrorlist/metalink in " + repo.sourceName(), e);
        }
        return mirrors;
    }

    /** The repomd.xml entry of a metalink: its http(s)/file URLs, size and hashes. */
    private static Mirrors metalink(Path file, String source) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<URI> urls = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        long size = -1;
        boolean found = false;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            // Depth of the <file name="repomd.xml"> element while inside it, else -1; resources/verification
            // flags for the elements directly below it.
            int depth = 0;
            int repomdDepth = -1;
            boolean inResources = false;
            boolean inVerification = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (repomdDepth < 0) {
                        if (name.equals("file") && REPOMD.equals(r.getAttributeValue(null, "name"))) {
                            repomdDepth = depth;
                            found = true;
                        }
                    } else if (depth == repomdDepth + 1) {
                        inResources = name.equals("resources");
                        inVerification = name.equals("verification");
                        if (name.equals("size")) {
                            String text = r.getElementText().strip();
                            depth--;
                            size = text.matches("[0-9]{1,18}") ? Long.parseLong(text) : -1; // librepo ignores junk
                        }
                    } else if (depth == repomdDepth + 2 && inResources && name.equals("url")) {
                        String url = r.getElementText().strip();
                        depth--;
                        if (url.endsWith(REPOMD_SUFFIX)) {
                            url = url.substring(0, url.length() - REPOMD_SUFFIX.length());
                        }
                        if (url.startsWith("http://") || url.startsWith("https://") || url.startsWith("file:")) {
                            urls.add(URI.create(url));
                        }
                    } else if (depth == repomdDepth + 2 && inVerification && name.equals("hash")) {
                        String type = r.getAttributeValue(null, "type");
                        String value = r.getElementText().strip().toLowerCase(java.util.Locale.ROOT);
                        depth--;
                        if (type != null) {
                            hashes.put(type.toLowerCase(java.util.Locale.ROOT), value);
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == repomdDepth) {
                        repomdDepth = -1;
                    } else if (repomdDepth >= 0 && depth == repomdDepth + 1) {
                        inResources = false;
                        inVerification = false;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw new MetadataException("malformed metalink " + source + ": " + e.getMessage());
        }
        if (!found) {
            throw new MetadataException("the metalink " + source + " has no " + REPOMD + " entry",
                    "check the metalink URL; the repository's metadata cannot be found without it");
        }
        return new Mirrors(urls, size, hashes);
    }
}
