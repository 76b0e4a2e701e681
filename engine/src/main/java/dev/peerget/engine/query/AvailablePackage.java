package dev.peerget.engine.query;

import dev.peerget.cache.StoredRepository;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import java.util.Objects;

/**
 * A package version offered by a configured repository.
 *
 * @param priority apt's pin priority of this version (its repository's default, or what apt's preference files
 *                 give it); dnf's repository priority (lower wins) for RPM
 */
public record AvailablePackage(PackageRecord record, StoredRepository repository, String component, int priority) {
    public AvailablePackage {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(component, "component");
    }

    /**
     * Where it comes from, as apt and dnf list it: the Release's Suite for apt ({@code stable}; the component
     * outside main is not shown by apt either), the repository id for yum (stored as its label).
     */
    public String origin() {
        if (record.format() == PackageFormat.DEB) {
            String suite = repository.info().archive().isEmpty() ? repository.info().suite()
                    : repository.info().archive();
            return suite.isEmpty() ? repository.info().name() : suite.replaceAll("/$", "");
        }
        return repository.info().label();
    }
}
