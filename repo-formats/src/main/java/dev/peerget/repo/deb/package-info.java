/**
 * Debian repository formats: the one control-format reader ({@link dev.peerget.repo.deb.Deb822Reader}) and the
 * parsers built on it for Packages indexes, Release files, dpkg's status file and apt source lists, plus the
 * relation-field grammar, and {@link dev.peerget.repo.deb.ReleaseFileEditor} for a mirror adding a file to a
 * Release. Everything here is pure: streams or strings in, records or strings out, errors as
 * {@link dev.peerget.repo.MetadataException} naming file and line. No parameter or component is null unless
 * its documentation says so.
 */
package dev.peerget.repo.deb;
