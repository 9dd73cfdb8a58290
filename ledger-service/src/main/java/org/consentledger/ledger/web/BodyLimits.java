package org.consentledger.ledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body that grows past what {@link RequestLimits} allows with 413 as soon as it does (a chunked
 * body, or one longer than declared), and one that takes longer than {@code max-body-time} to arrive with 408.
 * Nothing is recorded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BodyLimits extends OncePerRequestFilter {

    private final RequestLimits limits;

    BodyLimits(RequestLimits limits) {
        this.limits = limits;
    }

    /** Thrown from a body read past its limit; answered 413 ({@link ProblemResponses}). */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("the request body is larger than the " + limit + " bytes this request may have");
        }
    }

    /** Thrown from a body still arriving at its deadline; answered 408 ({@link ProblemResponses}). */
    static final class BodyTooSlow extends IOException {
        BodyTooSlow(Duration limit) {
            super("the request body took longer than the " + limit.toSeconds() + " s a body may take to arrive");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // A body declared larger than its limit never gets here (ClientShares); this one is counted as it is read.
        long limit = limits.limitFor(request.getRequestURI());
        chain.doFilter(new Bounded(request, limit, limits.maxBodyTime()), response);
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private final Duration time;
        private ServletInputStream bounded;

        Bounded(HttpServletRequest request, long limit, Duration time) {
            super(request);
            this.limit = limit;
            this.time = time;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                bounded = new Counting(super.getInputStream(), limit, time);
            }
            return bounded;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final Duration time;
        private final long deadline;
        private long read;

        Counting(ServletInputStream in, long limit, Duration time) {
            this.in = in;
            this.limit = limit;
            this.time = time;
            this.deadline = System.nanoTime() + time.toNanos();
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
            if (System.nanoTime() > deadline) {
                throw new BodyTooSlow(time);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
