package dev.peerget.fetch.http;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to fetch.
 *
 * @param uri        http, https or file URI
 * @param target     where the body is written (replaced only when a full body arrived)
 * @param maxBytes   refuse bodies larger than this (the size from a signed index, or a generous cap for the
 *                   index itself: defence against endless data); negative means no cap
 * @param validators validators of the copy the caller already has, for a conditional request
 * @param resumable keep a partial body after a failure and continue it with an HTTP range request next time (for
 *     files whose content the caller verifies afterwards, such as packages checked against a signed index)
 */
public record DownloadRequest(URI uri, Path target, long maxBytes, Validators validators, boolean resumable) {
    public DownloadRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(target, "target");
        validators = Objects.requireNonNullElse(validators, Validators.NONE);
    }

    /** A request that starts over after a failure. */
    public DownloadRequest(URI uri, Path target, long maxBytes, Validators validators) {
        this(uri, target, maxBytes, validators, false);
    }

    /** Where the body goes until it is complete. */
    public Path partial() {
        return target.resolveSibling(target.getFileName() + ".partial");
    }
}
