package org.consentledger.ledger.evidence;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The API document's account of the parts {@link QuestionResolver} reads, which Spring's binding no longer names. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameters({
        @Parameter(name = "siteId", in = ParameterIn.PATH, required = true),
        @Parameter(name = "visitorId", in = ParameterIn.PATH, required = true),
        @Parameter(name = "at", in = ParameterIn.QUERY,
                description = "ISO-8601 instant the answer is about (default: now)"),
        @Parameter(name = "asOf", in = ParameterIn.QUERY,
                description = "ISO-8601 instant: the answer as the ledger knew it then (default: now; not in the future)")})
public @interface QuestionParameters {
}
