package org.consentledger.ledger.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.RateLimited;
import org.consentledger.ledger.store.StoreFailures;
import org.consentledger.ledger.store.StoreWrites;
import org.consentledger.projections.ReadModelBehind;
import org.consentledger.projections.StreamParked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal as RFC 9457 {@code application/problem+json}, naming the field at fault in {@code field} (and all
 * of them in {@code errors} when there are several), so a client knows what to change.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final Pattern DUPLICATE_MEMBER = Pattern.compile("Duplicate Object property \"([^\"]*)\"");

    /** An operator has to act on a parked stream: a client asking every second would only add load. */
    private static final Duration PARKED_RETRY_AFTER = Duration.ofMinutes(1);
    /** A failing database is noticed by the probe and, on H2, the process restarted within seconds. */
    private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    private final StoreWrites storeWrites;

    ProblemResponses(StoreWrites storeWrites) {
        this.storeWrites = storeWrites;
    }

    @ExceptionHandler(LedgerRejection.class)
    ResponseEntity<Object> rejected(LedgerRejection rejection, WebRequest request) {
        if (rejection instanceof RateLimited limited) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problemFor(rejection));
        }
        return respond(problemFor(rejection));
    }

    /** The refusal written by a filter, before any controller: the same problem an exception handler would give. */
    public static void write(HttpServletRequest request, HttpServletResponse response, LedgerRejection rejection,
                             JsonMapper json) throws IOException {
        ProblemDetail problem = problemFor(rejection);
        problem.setInstance(URI.create(request.getRequestURI()));
        if (rejection instanceof RateLimited limited) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // Written without closing the stream, so the answer is not yet sent and can still say the connection closes.
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    /** The problem a refusal is answered with, also where it is one answer among many (a batch's). */
    public static ProblemDetail problemFor(LedgerRejection rejection) {
        HttpStatus status = switch (rejection.kind()) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        return detail(status, rejection.getMessage(), List.of(new FieldError(rejection.field(), rejection.getMessage())));
    }

    @ExceptionHandler(ReadModelBehind.class)
    ResponseEntity<Object> behind(ReadModelBehind behind, WebRequest request) {
        if (behind instanceof StreamParked) {
            // A parked stream waits for an operator, not for time: asking again soon will not help.
            return respond(problemFor(new LedgerRejection(LedgerRejection.Kind.UNAVAILABLE, null,
                    behind.getMessage())), PARKED_RETRY_AFTER);
        }
        return rejected(new LedgerRejection(LedgerRejection.Kind.UNAVAILABLE, null,
                behind.getMessage() + "; ask again in a moment"), request);
    }

    /**
     * Anything else is the ledger's fault, not the client's: logged in full, answered without internals. A failure
     * once an answer is under way (a streamed export) is thrown on instead, so that the servlet container cuts the
     * connection and the client sees the answer end short, rather than a problem appended to a partial body.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) throws Exception {
        if (e instanceof ErrorResponse || committed(request)) {
            throw e;
        }
        // The query bus hands a handler's refusal back wrapped.
        if (e.getCause() instanceof LedgerRejection rejection) {
            return rejected(rejection, request);
        }
        if (e.getCause() instanceof ReadModelBehind behind) {
            return behind(behind, request);
        }
        if (StoreFailures.isStoreFailure(e)) {
            storeWrites.suspect();
            log.warn("The database failed answering {}", request.getDescription(false), e);
            String message = StoreFailures.unconfirmed(e).map(Throwable::getMessage)
                    .orElse("the ledger's database failed to serve this request; ask again later (a write sent "
                            + "again with the same id is recorded at most once)");
            return respond(detail(HttpStatus.SERVICE_UNAVAILABLE, message, List.of()), DATABASE_RETRY_AFTER);
        }
        log.error("Unexpected failure answering {}", request.getDescription(false), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "the ledger failed to answer this request; the failure is logged",
                List.of());
    }

    private static boolean committed(WebRequest request) {
        return request instanceof ServletWebRequest servlet && servlet.getResponse() != null
                && servlet.getResponse().isCommitted();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String message = "'%s' is not a valid %s".formatted(e.getValue(), e.getName());
        return problem(HttpStatus.BAD_REQUEST, message, List.of(new FieldError(e.getName(), message)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getField() + " " + f.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, errors.stream().map(FieldError::message)
                .collect(Collectors.joining("; ")), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldError(
                        r.getMethodParameter().getParameterName(),
                        r.getMethodParameter().getParameterName() + " " + err.getDefaultMessage())))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, errors.stream().map(FieldError::message)
                .collect(Collectors.joining("; ")), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        BodyLimits.BodyTooLarge tooLarge = cause(e, BodyLimits.BodyTooLarge.class);
        BodyLimits.BodyTooSlow tooSlow = cause(e, BodyLimits.BodyTooSlow.class);
        if (tooLarge != null || tooSlow != null) {
            String message = (tooLarge != null ? tooLarge : tooSlow).getMessage();
            return problem(tooLarge != null ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.REQUEST_TIMEOUT, message,
                    List.of(new FieldError("body", message)));
        }
        JacksonException json = cause(e, JacksonException.class);
        String field = json == null ? null : path(json);
        Matcher duplicate = json == null || json.getOriginalMessage() == null ? null
                : DUPLICATE_MEMBER.matcher(json.getOriginalMessage());
        if (duplicate != null && duplicate.lookingAt()) {
            // The parser finds a repeated member before it is bound, so the path ends at the object holding it.
            field = (field == null ? "" : field + ".") + duplicate.group(1);
            String message = "the request body gives '%s' more than once".formatted(field);
            return problem(HttpStatus.BAD_REQUEST, message, List.of(new FieldError(field, message)));
        }
        String message = field == null
                ? "the request body is not readable JSON of the expected form"
                : "the request body's field '%s' is not of the expected form".formatted(field);
        if (json != null && json.getOriginalMessage() != null) {
            // Jackson's first line says what was wrong; the rest locates it in a source we do not echo back.
            message += ": " + json.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" \\(.*$", "");
        }
        return problem(HttpStatus.BAD_REQUEST, message, List.of(new FieldError(field, message)));
    }

    /** The first cause of {@code e} (itself included) of the given type, or null. */
    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldError> errors) {
        return respond(detail(status, detail, errors));
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        // Most of what the ledger answers 503 for (read models catching up, a commit past its deadline) clears
        // within a second.
        return respond(problem, Duration.ofSeconds(1));
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, Duration retryAfter) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        }
        return response
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ProblemDetail detail(HttpStatus status, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        if (!errors.isEmpty() && errors.get(0).field() != null) {
            problem.setProperty("field", errors.get(0).field());
        }
        problem.setProperty("errors", errors.stream()
                .map(f -> f.field() == null ? Map.of("message", f.message())
                        : Map.of("field", f.field(), "message", f.message()))
                .toList());
        return problem;
    }

    private record FieldError(String field, String message) {
    }
}
