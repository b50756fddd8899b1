package org.aftersaleshub.imports;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.aftersaleshub.web.OwnBodyLimit;
import org.aftersaleshub.web.Problems;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The upload of {@code POST /api/v1/imports/{entity}}: the API's JSON body limit ({@code hub.api.max-request-body})
 * leaves it alone ({@link OwnBodyLimit}); this streams the file to a temporary file within
 * {@code hub.imports.max-file-size}, never holding it in memory. Two shapes are taken: {@code multipart/form-data}
 * with the file in the part {@code file} (a browser form, {@code curl -F file=@customers.xlsx}), parsed as a stream by
 * Commons FileUpload; or the file itself as the body with the content type of xlsx or CSV ({@code curl --data-binary}),
 * its name in {@code Content-Disposition: attachment; filename=...} when the client sends one.
 */
@Component
class ImportUploadBody implements OwnBodyLimit {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Pattern PATH = Pattern.compile("/api/v1/imports/[A-Za-z0-9_-]{1,64}");
    private static final int MAX_PARTS = 8;

    private final ImportProperties props;

    ImportUploadBody(ImportProperties props) {
        this.props = props;
    }

    @Override
    public boolean covers(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && PATH.matcher(request.getRequestURI()).matches();
    }

    ImportJobs.Upload read(HttpServletRequest request) throws IOException {
        long max = props.maxFileSize().toBytes();
        if (request.getContentLengthLong() > max + (isMultipart(request) ? 64 * 1024 : 0)) {
            drain(request.getInputStream(), max);
            throw tooLarge(max);
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        try {
            if (isMultipart(request)) {
                return multipart(request, max);
            }
            if (type.startsWith(XLSX) || type.startsWith("text/csv") || type.startsWith("application/csv")
                    || type.startsWith("application/octet-stream")) {
                String name = fileName(request.getHeader("Content-Disposition"));
                if (name == null) {
                    name = type.startsWith(XLSX) ? "upload.xlsx" : type.startsWith("application/octet-stream")
                            ? "upload" : "upload.csv";
                }
                return ImportJobs.Upload.copy(request.getInputStream(), max, name);
            }
        } catch (ImportJobs.Upload.TooLarge e) {
            drain(request.getInputStream(), max);
            throw tooLarge(max);
        }
        throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported content type (不支持的内容类型)", "Send the file as multipart/form-data in the part 'file', "
                + "or as the body with Content-Type " + XLSX + " or text/csv.")
                .with("errors", List.of(new FieldViolation("Content-Type", "enum:[multipart/form-data, " + XLSX
                        + ", text/csv]", "must be multipart/form-data, xlsx or text/csv")));
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    private ImportJobs.Upload multipart(HttpServletRequest request, long max) throws IOException {
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setFileCountMax(MAX_PARTS);
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        try {
            FileItemInputIterator items = upload.getItemIterator(request);
            int parts = 0;
            while (items.hasNext() && parts++ < MAX_PARTS) {
                FileItemInput item = items.next();
                if ("file".equals(item.getFieldName()) && !item.isFormField()) {
                    try (InputStream in = item.getInputStream()) {
                        String name = item.getName() == null || item.getName().isBlank() ? "upload" : item.getName();
                        return ImportJobs.Upload.copy(in, max, name);
                    }
                }
            }
        } catch (FileUploadException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, Problems.MALFORMED_BODY, "Malformed upload (上传格式错误)",
                    "The multipart/form-data body cannot be read; send the file in the part 'file'.")
                    .with("errors", List.of(new FieldViolation("file", "multipart", "must be a multipart/form-data "
                            + "file part")));
        }
        throw new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid request (请求参数错误)",
                "The form has no file part named 'file'.").with("errors", List.of(new FieldViolation("file",
                "required", "must be the uploaded file (文件)")));
    }

    /** The file name of {@code Content-Disposition: attachment; filename="x.csv"}, or null. */
    static String fileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        var m = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?").matcher(disposition);
        return m.find() ? m.group(1).trim() : null;
    }

    private ApiProblem tooLarge(long max) {
        return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, Problems.BODY_TOO_LARGE, "File too large (文件过大)",
                "The file is larger than " + max / (1024 * 1024) + " MB (hub.imports.max-file-size); split it into "
                        + "several files (文件超过上限，请拆分后分别导入).")
                .with("errors", List.of(new FieldViolation("file", "max-bytes:" + max,
                        "must be at most " + max + " bytes")));
    }

    /** Reads on a little, so the client gets the 413 instead of a connection reset mid-send. */
    private static void drain(InputStream in, long atMost) throws IOException {
        byte[] skip = new byte[64 * 1024];
        long read = 0;
        int r;
        while (read < atMost && (r = in.read(skip)) != -1) {
            read += r;
        }
    }
}
