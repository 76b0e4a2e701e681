/**
 * Carries out a planned transaction with the real package tool of a root: {@link dev.peerget.installer.Installer}
 * ({@code dpkg} or {@code rpm}, chosen by package format), the per-root {@link dev.peerget.installer.RootLock},
 * the transaction {@link dev.peerget.installer.History} and recovery from an interrupted run.
 *
 * <p>The engine plans (resolver), fetches and verifies first; this package only installs verified local files
 * and removes packages, in an order the package tool accepts. Nothing here decides <em>what</em> to install.
 * See {@code docs/installer.md} for ordering rules, chroot handling, locks, history format and recovery.
 */
package dev.peerget.installer;
