package org.consentledger.ledger;

/**
 * The ledger refused a request and recorded nothing. Carries the request field at fault so that the client is told
 * exactly what to change.
 */
public class LedgerRejection extends RuntimeException {

    public enum Kind {
        /** The request itself is malformed, such as an id that is not of the allowed form. */
        MALFORMED,
        /** The request is well-formed but breaks a ledger rule. */
        INVALID,
        /** The request contradicts what the ledger already holds. */
        CONFLICT,
        /** The site (or other named thing) is not in the ledger. */
        NOT_FOUND,
        /** The key has made more requests than it may for now; the same request will succeed later. */
        RATE_LIMITED,
        /** The request is larger than the ledger can hold. */
        TOO_LARGE,
        /** The ledger cannot answer yet; the same request will succeed shortly. */
        UNAVAILABLE,
        /** The request carries no token the ledger knows. */
        UNAUTHENTICATED,
        /** The request's key may not do this, or not for this site. */
        FORBIDDEN
    }

    private final Kind kind;
    private final String field;

    public LedgerRejection(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static LedgerRejection invalid(String field, String message) {
        return new LedgerRejection(Kind.INVALID, field, message);
    }

    public static LedgerRejection malformed(String field, String message) {
        return new LedgerRejection(Kind.MALFORMED, field, message);
    }

    public static LedgerRejection conflict(String field, String message) {
        return new LedgerRejection(Kind.CONFLICT, field, message);
    }

    public static LedgerRejection notFound(String field, String message) {
        return new LedgerRejection(Kind.NOT_FOUND, field, message);
    }

    public static LedgerRejection unknownSite(String siteId) {
        return new LedgerRejection(Kind.NOT_FOUND, "siteId", "site '" + siteId + "' has no cookie policy in the ledger");
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, such as {@code granted[1]}; null when no single field is. */
    public String field() {
        return field;
    }
}
