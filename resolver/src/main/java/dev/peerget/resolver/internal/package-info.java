/**
 * The stages of {@link dev.peerget.resolver.SatResolver}: slicing, tagged encoding, lexicographic optimisation,
 * the weak-dependency pass, explanation and plan building. Not API: only the resolver package uses it.
 */
package dev.peerget.resolver.internal;
