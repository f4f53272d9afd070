package org.leadhandoff.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leadhandoff.web.BodyTooLargeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above a stated size before anything reads them: CSV imports up to 5 MB,
 * multipart model uploads as {@code spring.servlet.multipart} allows, every other body (JSON,
 * forms) up to {@code handoff.security.max-body-size}. A declared length over the limit is
 * answered with 413 at once; a body sent without a length is counted while it is read and fails
 * the same way when it passes the limit. Camunda's own REST API and webapps keep their limits.
 */
class RequestSizeLimit extends OncePerRequestFilter {

    /** The CSV import's own limit (see LeadController). */
    static final long CSV_LIMIT = 5L * 1024 * 1024;

    private final long bodyLimit;
    private final ObjectMapper json;

    RequestSizeLimit(long bodyLimit, ObjectMapper json) {
        this.bodyLimit = bodyLimit;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = request.getContentType();
        return path.startsWith("/engine-rest/") || path.startsWith("/camunda/")
                || (type != null && type.toLowerCase().startsWith("multipart/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        boolean csv = type.startsWith("text/csv") || type.startsWith("application/csv");
        // a CSV file may start with a 3-byte byte-order mark on top of its 5 MB
        long limit = csv ? CSV_LIMIT + 3 : bodyLimit;
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, csv ? CSV_LIMIT : bodyLimit);
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    private void tooLarge(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Connection", "close");
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Payload Too Large");
        problem.put("status", 413);
        problem.put("detail", new BodyTooLargeException(limit).getMessage());
        problem.put("limit", limit);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The request with a body that stops at the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
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

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
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
