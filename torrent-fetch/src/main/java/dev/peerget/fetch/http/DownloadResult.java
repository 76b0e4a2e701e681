package dev.peerget.fetch.http;

import java.nio.file.Path;

/** What a download produced. */
public sealed interface DownloadResult {
    /** The full body is in {@code file}. */
    record Fetched(Path file, long bytes, Validators validators) implements DownloadResult { }

    /** The server said the caller's copy is current (HTTP 304); nothing was written. */
    record NotModified() implements DownloadResult { }
}
