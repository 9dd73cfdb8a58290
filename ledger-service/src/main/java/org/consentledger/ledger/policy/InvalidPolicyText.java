package org.consentledger.ledger.policy;

/**
 * A cookie-policy text that cannot be imported. The message is meant for the person who supplied the text, so it
 * names the line at fault when there is one.
 */
public class InvalidPolicyText extends RuntimeException {

    private final int line;

    /** A problem with the text as a whole rather than with one line. */
    public InvalidPolicyText(String problem) {
        this(0, problem);
    }

    /** A problem at a 1-based {@code line}; 0 means the problem is not about one line. */
    public InvalidPolicyText(int line, String problem) {
        super(line > 0 ? "line " + line + ": " + problem : problem);
        this.line = line;
    }

    /** The 1-based number of the line at fault, or 0 when the problem is not about one line. */
    public int line() {
        return line;
    }
}
