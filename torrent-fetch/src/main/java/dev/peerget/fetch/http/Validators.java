package dev.peerget.fetch.http;

/** HTTP cache validators of a previously fetched copy ({@code ETag}, {@code Last-Modified}); either may be null. */
public record Validators(String etag, String lastModified) {
    public static final Validators NONE = new Validators(null, null);

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
