package dev.peerget.cache;

import dev.peerget.model.PackageRecord;

/** Receives the packages of the repository being replaced; given to the caller by {@link MetadataStore}. */
public interface PackageSink {
    /** Adds one package of {@code component} (empty for yum). */
    void add(String component, PackageRecord record);
}
