package dev.peerget.engine.install;

import dev.peerget.fetch.swarm.FetchReport;
import dev.peerget.installer.TransactionResult;
import java.time.Duration;

/**
 * What a transaction did, with the time of each phase (for the end-to-end benchmark).
 *
 * @param fetch the fetch report (null when nothing had to be fetched)
 * @param result what dpkg or rpm did (null with --download-only)
 * @param fetchTime time spent fetching (and checking against the signed index)
 * @param verifyTime time spent checking package signatures
 * @param installTime time spent in dpkg or rpm
 * @param seededTorrents torrents handed to the seeding daemon
 */
public record TransactionOutcome(FetchReport fetch, TransactionResult result, Duration fetchTime,
        Duration verifyTime, Duration installTime, int seededTorrents) {
}
