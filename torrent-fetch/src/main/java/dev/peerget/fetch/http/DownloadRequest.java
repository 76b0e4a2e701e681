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
 */
public record DownloadRequest(URI uri, Path target, long maxBytes, Validators validators) {
    public DownloadRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(target, "target");
        validators = Objects.requireNonNullElse(validators, Validators.NONE);
    }
}
