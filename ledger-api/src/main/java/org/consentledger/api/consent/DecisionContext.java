package org.consentledger.api.consent;

/**
 * How and where a decision was made, as the client reports it: the notice shown and in which language, how the
 * visitor chose, on which surface, under which law, and in which country and region. Public: none of it identifies a
 * person (the page, the address and the user agent go to the personal part). Every member may be null.
 *
 * @param noticeId   the notice the visitor was shown, published for the site
 * @param language   the language of the notice it was shown in (a BCP 47 tag the notice has texts for)
 * @param method     how the visitor chose: {@code accept-all}, {@code reject-all}, {@code custom}, {@code close},
 *                   {@code gpc}, {@code api} or {@code import}
 * @param surface    where: {@code banner}, {@code preference-centre}, {@code app}, {@code api} or {@code import}
 * @param regulation the law the site applied to the visitor, such as {@code gdpr} or {@code ccpa}
 * @param country    ISO 3166-1 alpha-2
 * @param region     ISO 3166-2, such as {@code US-CA}
 */
public record DecisionContext(
        String noticeId,
        String language,
        String method,
        String surface,
        String regulation,
        String country,
        String region) {

    /** A context without any member, which the ledger records as none (not a getter: it is no member of its own). */
    public boolean saysNothing() {
        return noticeId == null && language == null && method == null && surface == null && regulation == null
                && country == null && region == null;
    }
}
