package dev.peerget.installer;

import dev.peerget.model.PackageRecord;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One change of a {@link Transaction}: put a verified package file onto the system, or take a package off it.
 * {@code automatic} says whether the package changes as a dependency (true) or because the user asked (false);
 * the history keeps it so that an undo can restore the same marks. Marks themselves are kept elsewhere.
 */
public sealed interface Step permits Step.Install, Step.Remove {

    Action action();

    String name();

    String arch();

    boolean automatic();

    /**
     * Installs, upgrades, downgrades or reinstalls {@code record} from {@code file}, a local package file whose
     * size and digest the caller has already checked against the signed index.
     */
    record Install(Action action, PackageRecord record, Path file, boolean automatic) implements Step {
        public Install {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(file, "file");
            if (!action.installsFile()) {
                throw new IllegalArgumentException(action + " does not install " + record.id());
            }
            file = file.toAbsolutePath().normalize();
        }

        @Override
        public String name() {
            return record.name();
        }

        @Override
        public String arch() {
            return record.arch();
        }
    }

    /**
     * Removes the installed package {@code name} of architecture {@code arch}; {@code purge} also removes its
     * configuration files (dpkg). {@code version} picks one of several installed versions (rpm installonly
     * packages such as kernels); null when only one can be installed.
     */
    record Remove(String name, String arch, String version, boolean purge, boolean automatic) implements Step {
        public Remove {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arch, "arch");
            if (name.isEmpty() || arch.isEmpty()) {
                throw new IllegalArgumentException("remove step needs a package name and architecture");
            }
            if (version != null && version.isEmpty()) {
                version = null;
            }
        }

        /** Removes the only installed instance of {@code name:arch}, keeping configuration files. */
        public static Remove of(String name, String arch) {
            return new Remove(name, arch, null, false, false);
        }

        /** Removes the only installed instance of {@code name:arch} with its configuration files. */
        public static Remove purge(String name, String arch) {
            return new Remove(name, arch, null, true, false);
        }

        @Override
        public Action action() {
            return purge ? Action.PURGE : Action.REMOVE;
        }
    }
}
