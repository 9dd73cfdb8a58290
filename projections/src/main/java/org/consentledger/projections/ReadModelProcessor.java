package org.consentledger.projections;

import org.consentledger.store.readmodels.ReadModelNames;

/**
 * The one tracking processor that feeds every read model. A processor reads each event of the store, whichever it
 * handles; with one processor for each read model, the policy catalog read the whole store again just to find its
 * few policy events, much of a replay's work. Fed together, the
 * read models also move in the same transactions, so they always stand at the same position.
 */
public final class ReadModelProcessor {

    public static final String NAME = ReadModelNames.PROCESSOR;

    private ReadModelProcessor() {
    }
}
