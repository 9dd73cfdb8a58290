package org.consentledger.ledger.personal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keyFile        the pseudonym secret and the key-encryption keys ({@link LedgerSecrets}); generated there on
 *                       first start when missing. Keep it out of the repository and apart from the database's backups.
 * @param cachedKeys     how many visitor streams' data keys the write path keeps unwrapped in memory
 * @param rewrapEvery    how often data keys still wrapped under an older key-encryption key are wrapped again
 *                       under the current one
 */
@ConfigurationProperties("ledger.personal-data")
public record PersonalDataProperties(
        @DefaultValue("./data/keys/personal-data.keys") Path keyFile,
        @DefaultValue("100000") int cachedKeys,
        @DefaultValue("PT1M") Duration rewrapEvery) {
}
