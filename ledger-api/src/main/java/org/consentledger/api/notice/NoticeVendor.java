package org.consentledger.api.notice;

/**
 * A vendor (third party) as a notice listed it.
 *
 * @param iabId its id in the IAB's Global Vendor List, when it has one; may be null
 */
public record NoticeVendor(String name, Integer iabId) {
}
