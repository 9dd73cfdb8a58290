package org.consentledger.ledger.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's pages hold an auditor's token and show data from the API and from files they are sent, so they run
 * only the console's own scripts and styles, talk only to this origin, and cannot be framed or submit forms
 * elsewhere: a script injected through displayed data would find nothing to run with.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleHeaders {

    /** No inline script or style, no other origin; downloads of evidence are Blob links, which need no directive. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> consoleHeadersFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
        registration.setUrlPatterns(List.of("/console", "/console/*"));
        registration.setName("consoleHeaders");
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            // The token never leaves in a Referer, and no other page can hold a reference to the console's window.
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
            chain.doFilter(request, response);
        }
    }
}
