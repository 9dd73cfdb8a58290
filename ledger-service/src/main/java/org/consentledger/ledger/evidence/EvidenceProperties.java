package org.consentledger.ledger.evidence;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signingKeyFile   the Ed25519 private key (PKCS#8 PEM) that signs checkpoints; generated there on first
 *                         start when missing. Keep it out of the repository and out of the database's backups.
 * @param checkpointEvery  how often a checkpoint is signed when the log has grown
 * @param checkpointAfter  sign a checkpoint as soon as this many events were logged since the last one
 * @param maxBundleEvents  the most events (the visitor's and the site's policy versions) one evidence bundle holds:
 *                         a bundle is put together and signed in memory, so a visitor with more is refused
 * @param chainedStreams   how many streams' last hash the chain keeps in memory (a stream id, a sequence number and
 *                         a hash each); an append to a stream it does not remember reads that hash from the store
 * @param truncateIp       cut the visitor's address in a consent's evidence ({@code ipAddress}) to its /24 (IPv4) or
 *                         /48 (IPv6) network before it is sealed
 */
@ConfigurationProperties("ledger.evidence")
public record EvidenceProperties(
        @DefaultValue("./data/keys/checkpoint-ed25519.pem") Path signingKeyFile,
        @DefaultValue("PT10S") Duration checkpointEvery,
        @DefaultValue("1000") int checkpointAfter,
        @DefaultValue("50000") int maxBundleEvents,
        @DefaultValue("100000") int chainedStreams,
        @DefaultValue("true") boolean truncateIp) {
}
