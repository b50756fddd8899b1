package org.aftersaleshub.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A servlet filter that every Spring test context of the hub gets ({@link ErrorBodyAuditCustomizerFactory}): it
 * copies the body of every error answer the hub writes, whichever client asked, and checks it with
 * {@link ProblemBodies}. What it finds is kept until {@link ErrorBodyAuditListener} fails the running test with it.
 * Answers Tomcat writes itself (requests refused before the filters) are checked by the tests that provoke them.
 */
public final class ErrorBodyAudit implements Filter {

    private static final Queue<String> FINDINGS = new ConcurrentLinkedQueue<>();
    private static final int MAX_COPY = 1 << 20;

    /** The findings since the last call, oldest first. */
    public static List<String> drain() {
        List<String> out = new ArrayList<>();
        for (String f; (f = FINDINGS.poll()) != null; ) {
            out.add(f);
        }
        return out;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        Tee tee = new Tee(response);
        chain.doFilter(request, tee);
        // sendError: the body comes from the error dispatch, which passes this filter again.
        if (tee.sentError || request.isAsyncStarted() || "HEAD".equals(request.getMethod())) {
            return;
        }
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = request.getDispatcherType() == DispatcherType.ERROR && original != null ? original.toString()
                : request.getRequestURI();
        byte[] body = tee.copy == null ? new byte[0] : tee.copy.toByteArray();
        for (String v : ProblemBodies.violations(path, response.getStatus(), response.getContentType(), body)) {
            FINDINGS.add(request.getMethod() + " " + path + " -> " + response.getStatus() + ": " + v + "\n  "
                    + new String(body, StandardCharsets.UTF_8));
        }
    }

    /** Passes everything through and keeps a copy of an error body (one that starts while the status is 4xx/5xx). */
    private static final class Tee extends HttpServletResponseWrapper {

        private ByteArrayOutputStream copy;
        private boolean decided;
        private boolean sentError;
        private ServletOutputStream stream;
        private PrintWriter writer;

        Tee(HttpServletResponse response) {
            super(response);
        }

        private void keep(byte[] b, int off, int len) {
            if (!decided) {
                decided = true;
                copy = getStatus() >= 400 ? new ByteArrayOutputStream() : null;
            }
            if (copy != null && copy.size() < MAX_COPY) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            sentError = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            sentError = true;
            super.sendError(sc);
        }

        @Override
        public void reset() {
            super.reset();
            decided = false;
            copy = null;
        }

        @Override
        public void resetBuffer() {
            super.resetBuffer();
            decided = false;
            copy = null;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream real = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        real.write(b);
                        keep(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        real.write(b, off, len);
                        keep(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        real.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        real.close();
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        real.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                PrintWriter real = super.getWriter();
                writer = new PrintWriter(new Writer() {
                    @Override
                    public void write(char[] c, int off, int len) {
                        real.write(c, off, len);
                        byte[] b = new String(c, off, len).getBytes(StandardCharsets.UTF_8);
                        keep(b, 0, b.length);
                    }

                    @Override
                    public void flush() {
                        real.flush();
                    }

                    @Override
                    public void close() {
                        real.close();
                    }
                });
            }
            return writer;
        }
    }
}
