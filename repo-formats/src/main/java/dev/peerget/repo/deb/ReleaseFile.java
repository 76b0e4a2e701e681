package dev.peerget.repo.deb;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of a Debian {@code Release} file (or the signed text of an {@code InRelease}), as described on
 * the Debian wiki "DebianRepository/Format". Parsed by {@link ReleaseFileParser}; it says nothing about
 * whether the signature was good — that is the verifier's business.
 *
 * <p>Immutable and thread-safe. String fields are empty when the Release omits them.
 *
 * @param origin                     {@code Origin}
 * @param label                      {@code Label}
 * @param suite                      {@code Suite} (e.g. {@code oldstable})
 * @param codename                   {@code Codename} (e.g. {@code bookworm})
 * @param version                    {@code Version}
 * @param date                       {@code Date}, null when absent
 * @param validUntil                 {@code Valid-Until}, null when absent (the index never expires)
 * @param architectures              {@code Architectures}, in order
 * @param components                 {@code Components}, in order
 * @param acquireByHash              {@code Acquire-By-Hash: yes}: indexes may be fetched from
 *                                   {@code by-hash/<algorithm>/<digest>} paths
 * @param noSupportForArchitectureAll {@code No-Support-for-Architecture-all: Packages}: architecture-all
 *                                   packages are listed in every per-architecture Packages file, so
 *                                   {@code binary-all} need not be fetched
 * @param notAutomatic               {@code NotAutomatic: yes} (experimental, backports): apt pins its packages
 *                                   to 1, so they are installed only when asked for
 * @param butAutomaticUpgrades       {@code ButAutomaticUpgrades: yes} with NotAutomatic: pinned to 100, so
 *                                   packages installed from there are upgraded from there
 * @param files                      every listed file by path, in first-listed order, digests merged
 */
public record ReleaseFile(
        String origin,
        String label,
        String suite,
        String codename,
        String version,
        Instant date,
        Instant validUntil,
        List<String> architectures,
        List<String> components,
        boolean acquireByHash,
        boolean noSupportForArchitectureAll,
        boolean notAutomatic,
        boolean butAutomaticUpgrades,
        Map<String, IndexFile> files) {

    public ReleaseFile {
        origin = Objects.requireNonNullElse(origin, "");
        label = Objects.requireNonNullElse(label, "");
        suite = Objects.requireNonNullElse(suite, "");
        codename = Objects.requireNonNullElse(codename, "");
        version = Objects.requireNonNullElse(version, "");
        architectures = List.copyOf(architectures);
        components = List.copyOf(components);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * apt's default pin priority of the suite's packages (apt_preferences(5)): 500, or 1 for a NotAutomatic
     * suite, 100 when it also says ButAutomaticUpgrades.
     */
    public int defaultPriority() {
        return !notAutomatic ? 500 : butAutomaticUpgrades ? 100 : 1;
    }

    /** The file listed under {@code path} (relative to the suite directory), if any. */
    public Optional<IndexFile> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** {@link #date()} as an Optional. */
    public Optional<Instant> dateIfPresent() {
        return Optional.ofNullable(date);
    }

    /** {@link #validUntil()} as an Optional. */
    public Optional<Instant> validUntilIfPresent() {
        return Optional.ofNullable(validUntil);
    }

    /** Whether the Release has expired at {@code now}; a Release without Valid-Until never does. */
    public boolean isExpiredAt(Instant now) {
        return validUntil != null && now.isAfter(validUntil);
    }
}
