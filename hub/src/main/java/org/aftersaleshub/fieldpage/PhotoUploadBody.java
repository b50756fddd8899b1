package org.aftersaleshub.fieldpage;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.aftersaleshub.web.OwnBodyLimit;
import org.springframework.stereotype.Component;

/**
 * The one request of the hub that carries megabytes: {@code POST /field/<token>/photos}. The API's body limit
 * ({@code hub.api.max-request-body}) leaves it alone ({@link OwnBodyLimit}); this reads it bounded by
 * {@code hub.field-page.max-photo-bytes} plus room for the form's other parts. A larger body is read on (up to twice
 * the limit) and dropped, so the phone gets the page saying why instead of a cut connection.
 */
@Component
class PhotoUploadBody implements OwnBodyLimit {

    /** The form's boundaries, headers and the hidden fields around the file. */
    static final int FORM_OVERHEAD = 64 * 1024;
    private static final Pattern PATH = Pattern.compile("/field/[A-Za-z0-9_.-]{1,512}/photos");

    /** The body, or {@code tooLarge} with no body. */
    record Body(byte[] bytes, boolean tooLarge) {
    }

    private final long limit;

    PhotoUploadBody(FieldPageProperties props) {
        this.limit = props.maxPhotoBytes().toBytes() + FORM_OVERHEAD;
    }

    @Override
    public boolean covers(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && PATH.matcher(request.getRequestURI()).matches();
    }

    Body read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        InputStream in = request.getInputStream();
        if (declared > limit) {
            drain(in, 2 * limit);
            return new Body(new byte[0], true);
        }
        byte[] buf = new byte[64 * 1024];
        int n = 0;
        int r;
        while ((r = in.read(buf, n, buf.length - n)) != -1) {
            n += r;
            if (n > limit) {
                drain(in, limit);
                return new Body(new byte[0], true);
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(limit + 1, (long) buf.length * 2));
            }
        }
        return new Body(Arrays.copyOf(buf, n), false);
    }

    private static void drain(InputStream in, long atMost) throws IOException {
        byte[] skip = new byte[64 * 1024];
        long read = 0;
        int r;
        while (read < atMost && (r = in.read(skip)) != -1) {
            read += r;
        }
    }
}
