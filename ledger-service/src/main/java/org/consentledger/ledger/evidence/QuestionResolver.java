package org.consentledger.ledger.evidence;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.web.ClientInstants;
import org.consentledger.ledger.web.Ids;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Reads the question of an audit request ({@code /sites/{siteId}/visitors/{visitorId}/...?at=&asOf=}) in one step.
 * Point-in-time queries are the ledger's most frequent read: resolving its four parts one by one through Spring's
 * data binding (a binder and a conversion-service lookup each) took an eighth of an answer's CPU.
 * {@code at} and {@code asOf} are read in the one form clients give instants in ({@link ClientInstants}), and default
 * to now; {@code asOf} may not be in the future.
 */
class QuestionResolver implements HandlerMethodArgumentResolver {

    private final Clock clock;

    QuestionResolver(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ConsentAt.class;
    }

    @Override
    public ConsentAt resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                     NativeWebRequest request, WebDataBinderFactory binderFactory) {
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        Instant now = clock.instant();
        Instant at = instant(request, "at", now);
        Instant asOf = instant(request, "asOf", now);
        if (asOf.isAfter(now)) {
            // An answer about a future the ledger has not recorded could change later: not evidence.
            throw LedgerRejection.malformed("asOf", "asOf %s is after the ledger's clock (%s)".formatted(asOf, now));
        }
        return new ConsentAt(Ids.site(path.get("siteId")), Ids.visitor(path.get("visitorId")), at, asOf);
    }

    private static Instant instant(NativeWebRequest request, String name, Instant absent) {
        String text = request.getParameter(name);
        if (text == null || text.isEmpty()) {
            return absent;
        }
        Instant instant = ClientInstants.parse(text);
        if (instant == null) {
            throw LedgerRejection.malformed(name, "'%s' is not a valid %s: %s".formatted(text, name, ClientInstants.FORM));
        }
        return instant;
    }
}
