package dev.peerget.installer;

import dev.peerget.model.Layout;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link Installer} works on a root.
 *
 * @param layout      the root and its paths (dpkg admindir, rpmdb, peerget's state directory)
 * @param dpkgCommand the dpkg executable (a path, or a name looked up on the PATH of the process)
 * @param rpmCommand  the rpm executable
 * @param scriptMode  how maintainer scripts run in a root other than {@code /}
 * @param nativeArch  dpkg's native architecture, or null to ask {@code dpkg --print-architecture}
 * @param environment variables added to dpkg's and rpm's environment (e.g. {@code DEBIAN_FRONTEND});
 *                    the rest is inherited from this process
 * @param requester   who the history names as the requester
 * @param clock       the history's timestamps
 * @param dpkgDeb     the dpkg-deb executable with which the data of .deb files is decompressed, several at once,
 *                    before dpkg unpacks them ({@link dev.peerget.installer.deb.DebDecompressor}); null: dpkg
 *                    gets the files as they are
 */
public record InstallerOptions(Layout layout, String dpkgCommand, String rpmCommand, ScriptMode scriptMode,
                               String nativeArch, Map<String, String> environment, Requester requester,
                               Clock clock, String dpkgDeb) {
    public InstallerOptions {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(dpkgCommand, "dpkgCommand");
        Objects.requireNonNull(rpmCommand, "rpmCommand");
        Objects.requireNonNull(scriptMode, "scriptMode");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(clock, "clock");
    }

    /** dpkg and rpm from the PATH, chrooted scripts, the current process as requester, the system clock. */
    public static InstallerOptions of(Layout layout) {
        return new InstallerOptions(layout, "dpkg", "rpm", ScriptMode.CHROOT, null, Map.of(),
                Requester.currentProcess(), Clock.systemUTC(), null);
    }

    public InstallerOptions withCommands(String dpkg, String rpm) {
        return new InstallerOptions(layout, dpkg, rpm, scriptMode, nativeArch, environment, requester, clock,
                dpkgDeb);
    }

    public InstallerOptions withScriptMode(ScriptMode mode) {
        return new InstallerOptions(layout, dpkgCommand, rpmCommand, mode, nativeArch, environment,
                requester, clock, dpkgDeb);
    }

    public InstallerOptions withNativeArch(String arch) {
        return new InstallerOptions(layout, dpkgCommand, rpmCommand, scriptMode, arch, environment,
                requester, clock, dpkgDeb);
    }

    public InstallerOptions withEnvironment(Map<String, String> env) {
        return new InstallerOptions(layout, dpkgCommand, rpmCommand, scriptMode, nativeArch, env, requester,
                clock, dpkgDeb);
    }

    public InstallerOptions withRequester(Requester who) {
        return new InstallerOptions(layout, dpkgCommand, rpmCommand, scriptMode, nativeArch, environment,
                who, clock, dpkgDeb);
    }

    public InstallerOptions withClock(Clock c) {
        return new InstallerOptions(layout, dpkgCommand, rpmCommand, scriptMode, nativeArch, environment,
                requester, c, dpkgDeb);
    }

    public InstallerOptions withDpkgDeb(String command) {
        return new InstallerOptions(layout, dpkgCommand, rpmCommand, scriptMode, nativeArch, environment,
                requester, clock, command);
    }
}
