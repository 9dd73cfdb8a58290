package org.consentledger.api.consent;

/**
 * {@link ConsentAt}, for a caller that has already found which of the visitor's streams the answer comes from
 * ({@link VisitorStreams#current}), so that it is not looked up twice.
 */
public record ConsentAtStream(ConsentAt question, String stream) {
}
