/**
 * Debian repository formats: the one control-format reader ({@link dev.peerget.repo.deb.Deb822Reader}) and the
 * parsers built on it for Packages indexes, Release files, dpkg's status file and apt source lists, plus the
 * relation-field grammar. Everything here is a pure parser: streams or strings in, records out, errors as
 * {@link dev.peerget.repo.MetadataException} naming file and line. No parameter or component is null unless
 * its documentation says so.
 */
package dev.peerget.repo.deb;
