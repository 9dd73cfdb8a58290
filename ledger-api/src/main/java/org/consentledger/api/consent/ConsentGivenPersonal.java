package org.consentledger.api.consent;

import java.util.Map;

/** The personal part of a {@link ConsentGiven}: the visitor, the client's id of the submission, its evidence. */
public record ConsentGivenPersonal(String visitorId, String consentId, Map<String, String> evidence) {
}
