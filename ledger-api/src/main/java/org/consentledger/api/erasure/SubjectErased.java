package org.consentledger.api.erasure;

import java.time.Instant;
import org.consentledger.api.Recorded;

/**
 * A visitor's stream was erased: its data key destroyed, so that no personal part of its events opens again. The
 * last event of the stream; it names no visitor.
 *
 * @param reason      {@code art17-request}, {@code retention} or {@code other}
 * @param requestedAt when the erasure was asked for, if the client said
 */
public record SubjectErased(String siteId, String erasureId, String reason, Instant requestedAt, Instant recordedAt)
        implements Recorded {
}
