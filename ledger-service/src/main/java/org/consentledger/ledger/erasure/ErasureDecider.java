package org.consentledger.ledger.erasure;

import org.consentledger.api.erasure.EraseSubject;
import org.consentledger.api.erasure.SubjectErased;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.personal.VisitorPseudonyms;
import org.consentledger.ledger.write.Decider;
import org.consentledger.ledger.write.Situation;
import org.consentledger.ledger.write.StreamHistory;

/**
 * A visitor's erasure, recorded as the last event of their stream ({@link ErasureRules}). An erasure sent again is
 * answered from the stream it erased; any other erasure goes to the visitor's current stream.
 */
public class ErasureDecider implements Decider<EraseSubject> {

    /** Erasures are events of the visitor's stream, whose type the store has always kept. */
    static final String STREAM_TYPE = "VisitorConsent";

    private final ErasureRules rules;
    private final VisitorPseudonyms pseudonyms;

    public ErasureDecider(ErasureRules rules, VisitorPseudonyms pseudonyms) {
        this.rules = rules;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public boolean decides(Object command) {
        return command instanceof EraseSubject;
    }

    /** A stream the ledger found itself is erased as named; a visitor's erasure goes to their current stream. */
    @Override
    public Target target(EraseSubject command, int generation) {
        String stream = command.stream() != null ? command.stream()
                : pseudonyms.stream(command.siteId(), command.visitorId(), generation);
        return new Target(stream, command.siteId(),
                pseudonyms.submission(stream, StreamHistory.ERASURE, command.erasureId()));
    }

    /** An erasure sent again is answered from the stream it erased; a named stream is never passed over. */
    @Override
    public boolean answeredFromErasedStream(EraseSubject command) {
        return true;
    }

    @Override
    public Decided<?, ?> decide(EraseSubject command, Situation situation) {
        return rules.erase(command, situation.earlier(SubjectErased.class), situation.streamHead(),
                situation.erased(), situation.formatOne());
    }

    @Override
    public Object receipt(EraseSubject command, String eventId, Object event, Object personal) {
        return ErasureRules.receipt(command, eventId, (SubjectErased) event);
    }

    @Override
    public String streamType() {
        return STREAM_TYPE;
    }
}
