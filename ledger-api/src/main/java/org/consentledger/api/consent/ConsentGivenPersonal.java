package org.consentledger.api.consent;

import java.util.Map;

/**
 * The personal part of a {@link ConsentGiven}: the visitor, the client's id of the submission, its evidence, and the
 * TC and GPP strings sent with it (null without one), which a CMP may have made unique to the visitor.
 */
public record ConsentGivenPersonal(String visitorId, String consentId, Map<String, String> evidence,
                                   String tcString, String gppString) {

    public ConsentGivenPersonal(String visitorId, String consentId, Map<String, String> evidence) {
        this(visitorId, consentId, evidence, null, null);
    }
}
