package org.consentledger.ledger.evidence;

import java.util.List;
import java.util.Optional;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.ledger.evidence.StoredEvents.Stored;

/**
 * A visitor's events of evidence format 1, kept in the stream named by the site and the visitor id they were recorded
 * in, and redacted in place (payload {@code "erased"}, stream renamed) when the visitor is erased. They go with the
 * visitor's first stream of format 2.
 */
public final class FormatOneEvents {

    private FormatOneEvents() {
    }

    /**
     * The streams holding the visitor's events that go with {@code visitorStream}: it, and when it is the visitor's
     * first, their format 1 stream, under the name it has once its visitor was erased (only then can it have been
     * redacted), or else under the visitor's name when the ledger still has such streams.
     *
     * @param erased           whether {@code visitorStream} was erased
     * @param namedStreamsLeft whether the ledger may still hold format 1 streams named by their visitor
     */
    public static List<String> streamsWith(String siteId, String visitorId, String visitorStream, String firstStream,
                                    boolean erased, boolean namedStreamsLeft) {
        if (!visitorStream.equals(firstStream)) {
            return List.of(visitorStream);
        }
        if (erased) {
            return List.of(VisitorStream.formatOneRedacted(visitorStream), visitorStream);
        }
        return namedStreamsLeft ? List.of(VisitorStream.formatOne(siteId, visitorId), visitorStream)
                : List.of(visitorStream);
    }

    /** For a redacted format 1 stream, the visitor stream whose erasure redacted it. */
    static Optional<String> erasedStreamOf(String stream) {
        String suffix = VisitorStream.formatOneRedacted("");
        return stream.endsWith(suffix) ? Optional.of(stream.substring(0, stream.length() - suffix.length()))
                : Optional.empty();
    }

    /** Whether the stored event is one of format 1 whose content was redacted. */
    static boolean redacted(Stored event) {
        return EventType.formatOf(event.type()) == 1 && event.payload() != null && event.payload().isString();
    }
}
