package dev.peerget.cli;

import dev.peerget.engine.EngineContext;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.ToolLocator;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.config.Settings;
import dev.peerget.model.Layout;
import java.time.Clock;

/**
 * One run of the program: the console, the process facts the CLI reads once (PATH, os.arch) and the global
 * options, from which commands get their engine.
 */
public final class Invocation {
    private final Console console;
    private final String searchPath;
    private final GlobalOptions options;
    private final java.util.List<String> arguments;
    private EngineContext context;

    Invocation(Console console, String searchPath, GlobalOptions options, java.util.List<String> arguments) {
        this.console = console;
        this.searchPath = searchPath;
        this.options = options;
        this.arguments = java.util.List.copyOf(arguments);
    }

    /** The command line as given (for the history). */
    public java.util.List<String> arguments() {
        return arguments;
    }

    public Console console() {
        return QuietConsole.of(console, quiet(), false);
    }

    /** The console for a report (update, a plan and its transaction): silent from {@code -qq} on. */
    public Console reportConsole() {
        return QuietConsole.of(console, quiet(), true);
    }

    /** apt-get's quiet level: how many times -q was given. */
    public int quiet() {
        return options.quiet.length;
    }

    public boolean debug() {
        return options.debug;
    }

    /** The context for this run, reading peerget.conf and applying {@code -o} overrides on first use. */
    public EngineContext context() {
        if (context == null) {
            Layout layout = new Layout(options.root);
            Settings settings = Settings.load(options.config != null ? options.config : layout.peergetConf());
            for (String override : options.overrides) {
                int eq = override.indexOf('=');
                Setting s = eq > 0 ? Setting.byKey(override.substring(0, eq).strip()) : null;
                if (s == null) {
                    throw new EngineException("bad -o option '" + override + "'",
                            "use -o KEY=VALUE with a key from peerget.conf(5)");
                }
                settings = settings.with(s, override.substring(eq + 1).strip());
            }
            if (options.cacheOnly) {
                settings = settings.with(Setting.CACHEONLY, "true");
            }
            for (String warning : settings.warnings()) {
                console.err().println("W: " + warning);
            }
            // apt warns about the preference records it skips (and fails on those it refuses) whenever it builds
            // its policy, once per run; the engine reads them again where it needs the pins.
            for (String warning : dev.peerget.engine.config.AptPins.read(layout).warnings()) {
                console.err().println("W: " + warning);
            }
            context = EngineContext.create(layout, settings, ToolLocator.fromPath(searchPath), Clock.systemUTC(),
                    System.getProperty("os.arch"));
        }
        return context;
    }

    /** A new engine over this run's context; the caller closes it. */
    public Peerget engine() {
        return Peerget.open(context());
    }
}
