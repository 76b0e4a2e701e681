/**
 * Dependency resolution, format-neutral: the resolver asks a {@link dev.peerget.resolver.Universe} for
 * candidates, matches relations through the format's {@link dev.peerget.model.FormatRules}, encodes the sliced
 * problem for Sat4j with every constraint tagged by its provenance, optimises by policy and returns a
 * {@link dev.peerget.resolver.Resolution}: a plan, or the smallest set of reasons it cannot be done.
 * It performs no I/O and never sees Debian or RPM types.
 */
package dev.peerget.resolver;
