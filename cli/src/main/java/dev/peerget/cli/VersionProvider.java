package dev.peerget.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version from the jar manifest. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = PeergetCommand.class.getPackage().getImplementationVersion();
        return new String[] {"peerget " + (v == null ? "development build" : v)};
    }
}
