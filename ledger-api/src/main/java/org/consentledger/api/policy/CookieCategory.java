package org.consentledger.api.policy;

/**
 * A kind of cookie a policy groups its cookies under, such as {@code necessary} or {@code statistics}.
 *
 * @param consentRequired false for cookies a site may set without asking (strictly necessary ones);
 *                        such a category can be neither denied nor withdrawn
 */
public record CookieCategory(String id, String name, String description, boolean consentRequired) {
}
