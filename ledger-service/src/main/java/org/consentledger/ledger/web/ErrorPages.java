package org.consentledger.ledger.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Errors that happen outside the ledger's controllers (in a filter, in the servlet container) are answered as
 * problems too, and the error page itself is not a resource: asked for directly it is 404, not a 500 with status
 * 999. Health paths deeper than a group and a component, or with dot segments, are 404 before Spring Boot's health
 * endpoint, which fails on them, is reached. Not an operation of the API, so not in its document.
 */
@Hidden
@RestController
class ErrorPages implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (status == null || path == null) {
            status = HttpStatus.NOT_FOUND;
            path = request.getRequestURI();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, status.getReasonPhrase());
        problem.setType(URI.create("about:blank"));
        problem.setInstance(URI.create(String.valueOf(path).replace(" ", "%20")));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class HealthPaths extends OncePerRequestFilter {

        /** The health endpoint, a group or component, and a component of a group. */
        private static final Pattern KNOWN = Pattern.compile("/actuator/health(/[A-Za-z0-9_-]+){0,2}/?");

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().startsWith("/actuator/health");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (KNOWN.matcher(request.getRequestURI()).matches()) {
                chain.doFilter(request, response);
                return;
            }
            response.setStatus(HttpStatus.NOT_FOUND.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                    + "\"detail\":\"no such health group or component\"}");
        }
    }
}
