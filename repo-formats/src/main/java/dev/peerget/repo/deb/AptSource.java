package dev.peerget.repo.deb;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One apt source entry, from a one-line {@code sources.list} line or a deb822 {@code .sources} paragraph
 * (sources.list(5)). A one-line entry is the special case of one type, one URI and one suite.
 *
 * <p>Invariants: types are {@code deb} or {@code deb-src}; at least one type, URI and suite; a suite ending
 * in {@code /} is a flat repository (an exact path) and then there are no components, otherwise at least one
 * component. Immutable and thread-safe.
 *
 * @param types         {@code deb} and/or {@code deb-src}
 * @param uris          repository base URIs
 * @param suites        suites (distributions), or flat paths ending in {@code /}
 * @param components    components; empty for flat repositories
 * @param architectures architectures to fetch; empty means the configured default
 * @param signedBy      the keys allowed to sign the Release; empty means the trusted keyrings
 * @param trusted       {@code trusted=yes}: accept the source even unsigned (dangerous)
 * @param enabled       false for {@code Enabled: no}
 * @param origin        where the entry was written, for messages
 */
public record AptSource(
        List<String> types,
        List<URI> uris,
        List<String> suites,
        List<String> components,
        List<String> architectures,
        List<KeyRef> signedBy,
        boolean trusted,
        boolean enabled,
        Origin origin) {

    /** File and 1-based line of an entry; renders as {@code file:line}. */
    public record Origin(String file, long line) {
        public Origin {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /**
     * One (type, URI, suite) combination of a source: the unit apt fetches a Release file for.
     *
     * @param flat whether {@code suite} is a flat-repository path (ends in {@code /})
     */
    public record Target(String type, URI uri, String suite, List<String> components, List<String> architectures,
            List<KeyRef> signedBy, boolean trusted, Origin origin) {
        public Target {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(suite, "suite");
            components = List.copyOf(components);
            architectures = List.copyOf(architectures);
            signedBy = List.copyOf(signedBy);
            Objects.requireNonNull(origin, "origin");
        }

        /** A flat repository: {@code suite} is a path below the URI and there are no components. */
        public boolean isFlat() {
            return suite.endsWith("/");
        }
    }

    public AptSource {
        types = List.copyOf(types);
        uris = List.copyOf(uris);
        suites = List.copyOf(suites);
        components = List.copyOf(components);
        architectures = List.copyOf(architectures);
        signedBy = List.copyOf(signedBy);
        Objects.requireNonNull(origin, "origin");
        if (types.isEmpty() || uris.isEmpty() || suites.isEmpty()) {
            throw new IllegalArgumentException("a source needs at least one type, URI and suite");
        }
        for (String t : types) {
            if (!t.equals("deb") && !t.equals("deb-src")) {
                throw new IllegalArgumentException("unknown source type '" + t + "' (expected deb or deb-src)");
            }
        }
        for (String s : suites) {
            // sources.list(5): "if the suite is an exact path, components must be omitted", else required
            if (s.endsWith("/") && !components.isEmpty()) {
                throw new IllegalArgumentException("suite '" + s + "' is a flat path, so it takes no components");
            }
            if (!s.endsWith("/") && components.isEmpty()) {
                throw new IllegalArgumentException("suite '" + s + "' needs at least one component");
            }
        }
    }

    /** Every (type, URI, suite) combination, in the order types × URIs × suites. */
    public List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (String type : types) {
            for (URI uri : uris) {
                for (String suite : suites) {
                    out.add(new Target(type, uri, suite, components, architectures, signedBy, trusted, origin));
                }
            }
        }
        return out;
    }
}
