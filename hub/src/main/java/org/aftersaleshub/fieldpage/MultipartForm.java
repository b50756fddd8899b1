package org.aftersaleshub.fieldpage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.RequestContext;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * A {@code multipart/form-data} body (RFC 7578), already read into memory within the photo limit
 * ({@link PhotoUploadBody}), split into its parts by Commons FileUpload's streaming parser. The hub keeps the servlet
 * container's multipart handling off everywhere ({@code spring.servlet.multipart.enabled: false}), so the one form
 * that sends a file is read here, on its own path and with its own limit.
 */
final class MultipartForm {

    /** One part: its field name, the file name when it is a file, and its bytes. */
    record Part(String name, String fileName, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** The photo form has a file and a few hidden fields; more parts than this are not that form. */
    private static final int MAX_PARTS = 16;

    private final List<Part> parts;

    private MultipartForm(List<Part> parts) {
        this.parts = parts;
    }

    /** The form, or empty when the body is not the multipart form its content type announces. */
    static Optional<MultipartForm> parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setFileCountMax(MAX_PARTS);
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        List<Part> parts = new ArrayList<>();
        try {
            FileItemInputIterator items = upload.getItemIterator(new InMemoryBody(contentType, body));
            while (items.hasNext()) {
                if (parts.size() >= MAX_PARTS) {
                    return Optional.empty();
                }
                FileItemInput item = items.next();
                byte[] content;
                try (InputStream in = item.getInputStream()) {
                    content = in.readAllBytes();
                }
                parts.add(new Part(item.getFieldName(), item.isFormField() ? null : nullToEmpty(item.getName()),
                        content));
            }
        } catch (IOException e) {
            // FileUploadException too: no boundary, a cut body, a malformed part header, too many parts
            return Optional.empty();
        }
        return Optional.of(new MultipartForm(parts));
    }

    Optional<Part> part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    Optional<String> text(String name) {
        return part(name).filter(p -> p.fileName() == null).map(Part::text);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The bytes read so far, as the parser's request. */
    private record InMemoryBody(String contentType, byte[] body) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return body.length;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
