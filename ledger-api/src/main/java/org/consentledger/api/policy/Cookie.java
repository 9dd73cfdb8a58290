package org.consentledger.api.policy;

/**
 * One cookie as a policy lists it. A cookie is identified within a policy by its name, provider and category:
 * consent given for a category covers the cookies the policy listed under it, not ones added or moved later.
 */
public record Cookie(String name, String provider, String function, String purpose, String category) {

    public boolean sameCookieAs(Cookie other) {
        return name.equals(other.name) && provider.equals(other.provider) && category.equals(other.category);
    }
}
