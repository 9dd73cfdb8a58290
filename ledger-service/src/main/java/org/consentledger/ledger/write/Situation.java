package org.consentledger.ledger.write;

import java.util.Optional;

/**
 * What a decision reads, loaded before any decision of its group is made.
 *
 * @param site       the site's state as published so far, including what its group decided before this command
 * @param earlier    the event that recorded the command's client id before, if it was used
 * @param streamHead the position of the target stream's last event, -1 for a stream without events
 * @param erased     whether the target stream was erased (only a command answered from an erased stream sees one)
 * @param formatOne  whether the visitor has events of evidence format 1, which go with the target stream
 */
public record Situation(SiteState site, Optional<Earlier<?>> earlier, long streamHead, boolean erased,
                        boolean formatOne) {

    public Situation(SiteState site, Optional<Earlier<?>> earlier, long streamHead, boolean erased) {
        this(site, earlier, streamHead, erased, false);
    }

    public <S extends SiteState> S site(Class<S> type) {
        return type.cast(site);
    }

    /** The earlier event, which a client id of this kind can only have recorded as an event of the given type. */
    @SuppressWarnings("unchecked")
    public <E> Optional<Earlier<E>> earlier(Class<E> type) {
        earlier.ifPresent(e -> type.cast(e.event()));
        return earlier.map(e -> (Earlier<E>) e);
    }
}
