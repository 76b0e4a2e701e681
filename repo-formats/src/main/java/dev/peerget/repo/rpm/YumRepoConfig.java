package dev.peerget.repo.rpm;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One repository section of a {@code /etc/yum.repos.d/*.repo} file, after variable substitution, with dnf's
 * defaults applied (dnf.conf(5), "[repo] OPTIONS"). Immutable.
 *
 * <p>Invariant: at least one of {@code baseUrls}, {@code mirrorlist}, {@code metalink} is present, since dnf
 * cannot load a repository otherwise.
 *
 * @param id                    section name, the repo id
 * @param name                  human-readable name; the id when absent
 * @param baseUrls              base URLs in the order given, possibly empty
 * @param mirrorlist            mirrorlist URL, null when absent
 * @param metalink              metalink URL, null when absent
 * @param enabled               {@code enabled}, default true
 * @param gpgcheck              verify package signatures, default false (dnf's built-in default)
 * @param repoGpgcheck          verify the repomd.xml signature, default false
 * @param gpgKeys               key URLs ({@code file:}, {@code http(s):}), possibly empty
 * @param metadataExpireSeconds seconds before metadata is stale, -1 for never; default 172800 (48 hours)
 * @param priority              lower wins, default 99
 * @param cost                  lower is preferred among equal priority, default 1000
 * @param skipIfUnavailable     ignore the repository when unreachable, default false
 * @param sourceName            the file the section came from, for messages
 * @param line                  1-based line of the section header
 * @param other                 keys peerget does not interpret, substituted, keyed by lower-case name
 */
public record YumRepoConfig(String id, String name, List<String> baseUrls, String mirrorlist, String metalink,
        boolean enabled, boolean gpgcheck, boolean repoGpgcheck, List<String> gpgKeys, long metadataExpireSeconds,
        int priority, int cost, boolean skipIfUnavailable, String sourceName, long line, Map<String, String> other) {

    /** dnf's default metadata_expire, 48 hours. */
    public static final long DEFAULT_METADATA_EXPIRE = 48 * 3600;

    public YumRepoConfig {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("empty repo id");
        }
        name = name == null || name.isBlank() ? id : name;
        baseUrls = List.copyOf(baseUrls);
        gpgKeys = List.copyOf(gpgKeys);
        other = Map.copyOf(other);
        sourceName = Objects.requireNonNullElse(sourceName, "");
        if (baseUrls.isEmpty() && mirrorlist == null && metalink == null) {
            throw new IllegalArgumentException("repo " + id + " has neither baseurl nor mirrorlist nor metalink");
        }
        if (metadataExpireSeconds < -1) {
            throw new IllegalArgumentException("bad metadata_expire " + metadataExpireSeconds);
        }
    }

    /** Whether the metadata never expires ({@code metadata_expire=never} or {@code -1}). */
    public boolean metadataNeverExpires() {
        return metadataExpireSeconds == -1;
    }
}
