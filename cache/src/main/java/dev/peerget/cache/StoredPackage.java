package dev.peerget.cache;

import dev.peerget.model.PackageRecord;
import java.util.Objects;

/**
 * A package read back from the store.
 *
 * @param id           row id, stable until the repository is next updated
 * @param repositoryId the row id of its {@link StoredRepository}
 * @param component    apt component ({@code main}, {@code contrib}, …); empty for yum
 * @param record       the package
 */
public record StoredPackage(long id, long repositoryId, String component, PackageRecord record) {
    public StoredPackage {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(record, "record");
    }
}
