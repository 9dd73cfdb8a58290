package org.consentledger.api;

import java.time.Instant;

/** An event that carries when the ledger recorded it: the instant every "as the ledger knew it at" judges by. */
public interface Recorded {

    Instant recordedAt();
}
