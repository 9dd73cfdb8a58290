package org.consentledger.api.consent;

/** The personal part of a {@link ConsentWithdrawn}: the visitor and the client's id of the withdrawal. */
public record ConsentWithdrawnPersonal(String visitorId, String withdrawalId) {
}
