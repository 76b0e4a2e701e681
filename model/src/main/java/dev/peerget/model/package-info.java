/**
 * Format-neutral values shared by every peerget module: package identities, versions compared through a
 * {@link dev.peerget.model.VersionScheme}, relations, checksums and the on-disk {@link dev.peerget.model.Layout}.
 * Nothing here performs I/O. All types are immutable and thread-safe; no parameter or component is null
 * unless its documentation says so.
 */
package dev.peerget.model;
