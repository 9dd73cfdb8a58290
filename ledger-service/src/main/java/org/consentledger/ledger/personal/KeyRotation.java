package org.consentledger.ledger.personal;

import java.util.Map;
import org.consentledger.store.personal.VisitorKeyTable;
import org.consentledger.store.personal.VisitorKeyTable.StoredKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wraps again, under the current key-encryption key, every data key still wrapped under an older one, a batch at a
 * time: once none is left under a key-encryption key, the operator removes it from the key file, and every copy of
 * a destroyed data key that a database page, a backup or an archive kept becomes unreadable for good.
 */
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final VisitorKeyTable table;
    private final KeyWrapping wrapping;
    private final TransactionTemplate transactions;
    private final int batch;

    public KeyRotation(VisitorKeyTable table, KeyWrapping wrapping, TransactionTemplate transactions, int batch) {
        this.table = table;
        this.wrapping = wrapping;
        this.transactions = transactions;
        this.batch = batch;
    }

    /** How the stored keys are wrapped: the current key-encryption key, and the number of keys under each. */
    public record Standing(String current, Map<String, Long> keysByWrapping) {
    }

    public Standing standing() {
        return new Standing(wrapping.currentKeyName(), table.countByWrapping());
    }

    @Scheduled(fixedDelayString = "${ledger.personal-data.rewrap-every:PT1M}", initialDelayString = "PT30S")
    public void rewrapOutdated() {
        int rewrapped;
        do {
            rewrapped = rewrapBatch();
        } while (rewrapped == batch);
    }

    /** @return how many keys were wrapped again */
    int rewrapBatch() {
        Integer done = transactions.execute(status -> {
            int count = 0;
            for (StoredKey key : table.wrappedUnderOther(wrapping.currentKeyName(), batch)) {
                DataKey plain;
                try {
                    plain = wrapping.unwrap(new KeyWrapping.WrappedKey(key.kekName(), key.wrapped()), key.stream());
                } catch (UnreadableSeal e) {
                    // The audit names the stream; a key that does not unwrap is not made worse by waiting.
                    log.warn("The data key of a stream wrapped under {} does not unwrap: {}", key.kekName(),
                            e.getMessage());
                    continue;
                }
                KeyWrapping.WrappedKey again = wrapping.wrap(plain, key.stream());
                if (table.rewrap(key, new StoredKey(key.stream(), again.kekName(), again.sealed()))) {
                    count++;
                }
            }
            return count;
        });
        return done == null ? 0 : done;
    }
}
