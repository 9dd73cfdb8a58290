package org.consentledger.api.signals;

/**
 * Whether the TC string in force lets a vendor process data for a purpose.
 *
 * @param basis     {@code consent} or {@code legitimate-interest} when allowed, else null
 * @param reason    why, in plain words
 * @param decidedBy the consent that recorded the string in force; null without one
 */
public record TcfVendorAnswer(int vendorId, int purposeId, boolean allowed, String basis, String reason,
                              String decidedBy) {
}
