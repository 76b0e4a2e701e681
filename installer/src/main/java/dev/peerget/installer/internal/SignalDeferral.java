package dev.peerget.installer.internal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Holds back SIGINT, SIGTERM and SIGHUP while a transaction's dpkg or rpm runs: they are noted instead of ending
 * the JVM, so that the installer can wait for the running tool, start no further run, record the history and
 * let the caller write its marks and release its locks. apt does the same in {@code pkgDPkgPM::Go} (it ignores
 * SIGINT and SIGQUIT until dpkg has finished), and rpm blocks signals during its transaction. Outside a deferral
 * the JVM's own handlers apply (it exits at once; the root lock and the history's running entry cover that).
 *
 * <p>Signal handlers belong to the process, so one set of handlers serves every deferral open in it and the
 * handlers found before are put back when the last one closes; that shared state is why this class has
 * statics. A signal is noted in every deferral open when it arrives. Thread-safe. When a signal cannot be
 * handled here (the JVM runs with {@code -Xrs}, or the platform lacks it) it keeps its default effect.
 */
public final class SignalDeferral implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");
    private static final Object LOCK = new Object();
    private static final Set<SignalDeferral> OPEN = new LinkedHashSet<>();
    private static final Map<Signal, SignalHandler> PREVIOUS = new HashMap<>();

    private final AtomicReference<Signal> received = new AtomicReference<>();

    private SignalDeferral() {
    }

    /** Starts deferring the signals; close it when the tool runs and their bookkeeping are done. */
    public static SignalDeferral begin() {
        SignalDeferral deferral = new SignalDeferral();
        synchronized (LOCK) {
            if (OPEN.isEmpty()) {
                for (String name : SIGNALS) {
                    try {
                        Signal signal = new Signal(name);
                        PREVIOUS.put(signal, Signal.handle(signal, SignalDeferral::note));
                    } catch (IllegalArgumentException e) {
                        // Unknown here, or reserved by the JVM (-Xrs): it keeps its usual effect.
                    }
                }
            }
            OPEN.add(deferral);
        }
        return deferral;
    }

    private static void note(Signal signal) {
        synchronized (LOCK) {
            for (SignalDeferral d : OPEN) {
                d.received.compareAndSet(null, signal);
            }
        }
    }

    /** The first signal noted since {@link #begin()}, as {@code SIGINT}, {@code SIGTERM} or {@code SIGHUP}. */
    public Optional<String> received() {
        return Optional.ofNullable(received.get()).map(s -> "SIG" + s.getName());
    }

    /** The exit code a shell reports for a process that the noted signal ended: 128 + its number; 0 if none. */
    public int exitCode() {
        Signal s = received.get();
        return s == null ? 0 : 128 + s.getNumber();
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            if (OPEN.remove(this) && OPEN.isEmpty()) {
                PREVIOUS.forEach(Signal::handle);
                PREVIOUS.clear();
            }
        }
    }
}
