package dev.peerget.cli.commands;

import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.cli.render.Sizes;
import dev.peerget.engine.install.SeedHandOff;
import dev.peerget.fetch.seed.SeedControl;
import dev.peerget.fetch.seed.SeedStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code seed status|stop}: the background seeding process that installs leave behind. */
@Command(name = "seed", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Show or stop the background process that seeds what installs fetched from torrents, until "
                + "seed_ratio or seed_time is reached (see peerget.conf(5)).",
        subcommands = {SeedCommand.Status.class, SeedCommand.Stop.class})
public final class SeedCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(parent.invocation().console().out());
        return 0;
    }

    private SeedControl control() {
        return new SeedControl(SeedHandOff.stateDir(parent.invocation().context()));
    }

    /** {@code seed status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Per torrent: files seeded, bytes fetched and uploaded, ratio, peers, time left.")
    public static final class Status implements Callable<Integer> {
        @ParentCommand
        SeedCommand seed;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = seed.parent.invocation().console().out();
            SeedControl control = seed.control();
            List<SeedStatus> torrents = control.status();
            if (json.enabled()) {
                // A JSON array of objects, as every listing's --json: one per torrent seeded, each naming the
                // seeding process; empty when none runs.
                JsonWriter w = new JsonWriter(out).beginArray();
                java.util.Optional<Long> pid = control.pid();
                for (SeedStatus t : control.isRunning() ? torrents : List.<SeedStatus>of()) {
                    w.beginObject().field("info_hash", t.infoHash()).field("name", t.name()).field("files", t.files())
                            .field("fetched_bytes", t.fetchedBytes()).field("uploaded_bytes", t.uploaded())
                            .field("peers", t.peers())
                            .field("seconds_left", t.timeLeft().toSeconds());
                    if (pid.isPresent()) {
                        w.field("pid", pid.get());
                    }
                    w.endObject();
                }
                w.endArray();
                return 0;
            }
            if (!control.isRunning()) {
                out.println("Not seeding (no seeding process runs).");
                return 0;
            }
            out.println("Seeding process pid " + control.pid().map(String::valueOf).orElse("?") + ", "
                    + torrents.size() + (torrents.size() == 1 ? " torrent:" : " torrents:"));
            for (SeedStatus t : torrents) {
                out.printf(Locale.ROOT, "  %s  %d files  uploaded %s of %s fetched (ratio %.2f)  %d peers  %s left%n",
                        t.name(), t.files(), Sizes.human(t.uploaded()), Sizes.human(t.fetchedBytes()), t.ratio(),
                        t.peers(), human(t.timeLeft()));
            }
            return 0;
        }

        private static String human(Duration d) {
            long s = d.toSeconds();
            return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
        }
    }

    /** {@code seed stop}. */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the seeding process now.")
    public static final class Stop implements Callable<Integer> {
        @ParentCommand
        SeedCommand seed;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = seed.parent.invocation().console().out();
            boolean stopped = seed.control().stop(Duration.ofSeconds(30));
            out.println(stopped ? "Stopped seeding." : "Not seeding (no seeding process runs).");
            return 0;
        }
    }
}
