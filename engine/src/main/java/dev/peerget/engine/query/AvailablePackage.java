package dev.peerget.engine.query;

import dev.peerget.cache.StoredRepository;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import java.util.Objects;

/** A package version offered by a configured repository. */
public record AvailablePackage(PackageRecord record, StoredRepository repository, String component) {
    public AvailablePackage {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(component, "component");
    }

    /**
     * Where it comes from, as apt and dnf list it: the suite for apt ({@code stable}, or {@code stable/contrib}
     * outside main is not shown by apt either), the repository id for yum (stored as its label).
     */
    public String origin() {
        if (record.format() == PackageFormat.DEB) {
            String suite = repository.info().suite();
            return suite.isEmpty() ? repository.info().name() : suite.replaceAll("/$", "");
        }
        return repository.info().label();
    }
}
