package dev.peerget.resolver;

/** Resolves a request over a universe. Implementations hold no state between calls. */
public interface Resolver {
    Resolution resolve(Universe universe, Request request);
}
