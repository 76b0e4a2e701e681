package dev.peerget.engine.mirror;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the URLs a repository is served at into BEP 19 web seeds ({@code url-list}).
 *
 * <p>BEP 19 clients (libtorrent, aria2, Transmission) fetch a file of a multi-file torrent named NAME from a
 * web seed URL ending in {@code /} as {@code URL + NAME + "/" + PATH}. The torrent's paths are the files' paths
 * relative to the repository root, so the repository's own HTTP tree is the web seed when NAME is the last
 * segment of the repository's URL: the repository served at {@code http://mirror.example/debian/} (what
 * clients put in sources.list, or as a yum baseurl) with torrent name {@code debian} gives the web seed
 * {@code http://mirror.example/}. The operator passes the repository URL; this class checks the name matches
 * and derives the web seed. Stateless.
 */
final class WebSeeds {
    private WebSeeds() {
    }

    /** The last path segment of a repository URL ({@code debian} for {@code http://host/debian/}), or null. */
    static String lastSegment(String repositoryUrl) {
        String path = parse(repositoryUrl).getPath();
        String trimmed = path == null ? "" : path.replaceAll("/+$", "");
        String segment = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return segment.isEmpty() ? null : segment;
    }

    /** The {@code url-list} entries for repository URLs served under a torrent named {@code name}. */
    static List<String> urlList(List<String> repositoryUrls, String name) {
        List<String> out = new ArrayList<>();
        for (String url : repositoryUrls) {
            String segment = lastSegment(url);
            if (segment == null || !segment.equals(name)) {
                throw new MirrorException("web seed " + url + " does not end in the torrent name '" + name
                        + "' (BitTorrent clients append the name and the file's path to the URL above it)",
                        segment == null ? "serve the repository under a directory named " + name + " and pass "
                                + "that URL, e.g. " + (url.endsWith("/") ? url : url + "/") + name + "/"
                                : "pass --name " + segment + " (every web seed must end in the same name), or "
                                        + "serve the repository at a URL ending in /" + name + "/");
            }
            URI uri = parse(url);
            String path = uri.getRawPath().replaceAll("/+$", "");
            out.add(uri.getScheme() + "://" + uri.getRawAuthority() + path.substring(0, path.lastIndexOf('/') + 1));
        }
        return out;
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new MirrorException("web seed '" + url + "' is not a URL: " + e.getMessage(),
                    "give the http(s) URL the repository is served at, e.g. http://mirror.example/debian/", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new MirrorException("web seed '" + url + "' is not a plain http(s) URL of a directory",
                    "give the http(s) URL the repository is served at, e.g. http://mirror.example/debian/");
        }
        return uri;
    }
}
