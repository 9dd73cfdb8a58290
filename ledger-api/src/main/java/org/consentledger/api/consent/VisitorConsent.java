package org.consentledger.api.consent;

/**
 * What {@link ConsentAt} is answered with: the answer, and the visitor's last erasure, if any. The answer of a visitor
 * erased and seen again is made only of what came after.
 *
 * @param lastErasure the last of the visitor's streams erased; null when none was
 */
public record VisitorConsent(ConsentAnswer answer, VisitorStreams.Erasure lastErasure) {
}
