package dev.peerget.installer;

/**
 * How maintainer scripts run when the root is not {@code /}.
 *
 * <p>dpkg {@code --root} and rpm {@code --root} both {@code chroot(2)} into the root before running a script, so
 * the root needs its own {@code /bin/sh} and whatever the scripts call: a real system tree (debootstrap, a
 * container image) has them, an empty directory does not. rpm Lua scriptlets run inside rpm and need nothing.
 */
public enum ScriptMode {
    /** dpkg and rpm chroot into the root for scripts (their default, and peerget's). */
    CHROOT,
    /**
     * dpkg runs maintainer scripts on the host with {@code DPKG_ROOT} set to the root
     * ({@code --force-script-chrootless}). Only for packages whose scripts honour {@code DPKG_ROOT}: a script that
     * ignores it changes the host. rpm has no such mode and always chroots.
     */
    CHROOTLESS
}
