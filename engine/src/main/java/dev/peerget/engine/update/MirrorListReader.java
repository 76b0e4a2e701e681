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
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Works out a yum repository's base URLs: {@code baseurl} as given, else the URLs of its {@code mirrorlist}
 * (one URL a line, {@code #} comments) or {@code metalink} (the {@code <url>} elements, whose
 * {@code repodata/repomd.xml} suffix is cut off), in the order listed.
 */
final class MirrorListReader {
    private static final long MAX_LIST_SIZE = 4 << 20;
    private static final String REPOMD_SUFFIX = "repodata/repomd.xml";

    private final HttpDownloader downloader;

    MirrorListReader(HttpDownloader downloader) {
        this.downloader = downloader;
    }

    List<URI> baseUris(YumRepoConfig repo, Path workDir) {
        List<URI> out = new ArrayList<>();
        for (String url : repo.baseUrls()) {
            out.add(URI.create(url));
        }
        if (!out.isEmpty()) {
            return out;
        }
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
            } else if (repo.metalink() != null) {
                Path file = workDir.resolve("metalink.xml");
                downloader.fetch(new DownloadRequest(URI.create(repo.metalink()), file, MAX_LIST_SIZE, null));
                out.addAll(metalinkUrls(file, repo.metalink()));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new MetadataException("cannot read the mirror list of repository '" + repo.id() + "': "
                    + e.getMessage(), "check mirrorlist/metalink in " + repo.sourceName(), e);
        }
        return out;
    }

    private static List<URI> metalinkUrls(Path file, String source) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<URI> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("url")) {
                    String url = r.getElementText().strip();
                    if (url.endsWith(REPOMD_SUFFIX)) {
                        url = url.substring(0, url.length() - REPOMD_SUFFIX.length());
                    }
                    if (url.startsWith("http://") || url.startsWith("https://") || url.startsWith("file:")) {
                        out.add(URI.create(url));
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new MetadataException("malformed metalink " + source + ": " + e.getMessage());
        }
        return out;
    }
}
