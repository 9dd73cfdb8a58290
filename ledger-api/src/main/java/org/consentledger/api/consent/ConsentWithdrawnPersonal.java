package org.consentledger.api.consent;

import java.util.Map;

/**
 * The personal part of a {@link ConsentWithdrawn}: the visitor, the client's id of the withdrawal, and what the client
 * saw of the visitor (page, address, user agent); {@code evidence} is null for a withdrawal recorded without any.
 */
public record ConsentWithdrawnPersonal(String visitorId, String withdrawalId, Map<String, String> evidence) {

    public ConsentWithdrawnPersonal(String visitorId, String withdrawalId) {
        this(visitorId, withdrawalId, null);
    }
}
