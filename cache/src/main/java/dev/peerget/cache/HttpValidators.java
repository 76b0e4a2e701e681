package dev.peerget.cache;

/** What a server said about a URL's content last time, for conditional requests; either may be null. */
public record HttpValidators(String etag, String lastModified) {
}
