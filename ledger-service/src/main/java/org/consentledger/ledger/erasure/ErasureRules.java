package org.consentledger.ledger.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.consentledger.api.EventType;
import org.consentledger.api.erasure.EraseSubject;
import org.consentledger.api.erasure.ErasureReceipt;
import org.consentledger.api.erasure.SubjectErased;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.LedgerTime;
import org.consentledger.ledger.write.Earlier;

/**
 * Decides an erasure from plain values: the erasure sent again gets its receipt again (or a conflict for other
 * content under the same id), a visitor the site never recorded is not found, otherwise the event that erases the
 * visitor's stream.
 */
public class ErasureRules {

    private final Clock clock;

    public ErasureRules(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param earlier    the event that recorded this {@code erasureId} before in the visitor's stream, if any
     * @param streamHead the position of the last event of the visitor's stream, -1 when it has none
     * @param erased     whether that stream was erased already (by another erasure)
     * @param formatOne  whether the visitor has events of evidence format 1 going with that stream
     */
    public Decided<SubjectErased, ErasureReceipt> erase(EraseSubject command, Optional<Earlier<SubjectErased>> earlier,
                                                         long streamHead, boolean erased, boolean formatOne) {
        if (!EraseSubject.REASONS.contains(command.reason())) {
            throw LedgerRejection.invalid("reason", "reason must be one of " + String.join(", ", EraseSubject.REASONS));
        }
        if (command.requestedAt() != null) {
            LedgerTime.requireMicros(command.requestedAt(), "requestedAt");
        }
        if (earlier.isPresent()) {
            SubjectErased before = earlier.get().event();
            if (!before.reason().equals(command.reason()) || !Objects.equals(before.requestedAt(), command.requestedAt())) {
                throw LedgerRejection.conflict("erasureId", "erasureId '%s' was already used for another erasure"
                        .formatted(command.erasureId()));
            }
            return new Decided.Replay<>(receipt(command, earlier.get().eventId(), before).asReplay());
        }
        if (streamHead < 0 && !formatOne || erased) {
            throw LedgerRejection.notFound("visitorId", "site '%s' has recorded nothing for this visitor to erase"
                    .formatted(command.siteId()));
        }
        Instant now = LedgerTime.now(clock);
        return new Decided.Record<>(new SubjectErased(command.siteId(), command.erasureId(), command.reason(),
                command.requestedAt(), now));
    }

    public static ErasureReceipt receipt(EraseSubject command, String eventId, SubjectErased event) {
        return new ErasureReceipt(eventId, EventType.SUBJECT_ERASED.label(), event.siteId(), command.visitorId(),
                event.erasureId(), event.reason(), event.requestedAt(), event.recordedAt(), false);
    }
}
