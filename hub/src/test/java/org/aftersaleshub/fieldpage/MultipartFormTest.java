package org.aftersaleshub.fieldpage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The photo form's body: its parts when it is the form it says, nothing when it is cut or malformed. */
class MultipartFormTest {

    static final String TYPE = "multipart/form-data; boundary=xYz";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFileAndAFieldAreReadWithTheirNamesAndBytes() {
        byte[] body = bytes("--xYz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n现场照片\r\n"
                + "--xYz\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"机器.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n\u0001\u0002\u0003\r\n--xYz--\r\n");
        MultipartForm form = MultipartForm.parse(TYPE, body).orElseThrow();
        assertThat(form.text("note")).contains("现场照片");
        MultipartForm.Part photo = form.part("photo").orElseThrow();
        assertThat(photo.fileName()).isEqualTo("机器.png");
        assertThat(photo.content()).containsExactly(1, 2, 3);
    }

    @Test
    void aBodyCutBeforeItsClosingBoundaryOrWithoutABoundaryIsNoForm() {
        assertThat(MultipartForm.parse(TYPE, bytes("--xYz\r\nContent-Disposition: form-data; name=\"photo\"; "
                + "filename=\"a.png\"\r\n\r\n\u0001\u0002"))).isEmpty();
        assertThat(MultipartForm.parse("multipart/form-data", bytes("--xYz--\r\n"))).isEmpty();
        assertThat(MultipartForm.parse("application/x-www-form-urlencoded", bytes("a=b"))).isEmpty();
    }

    @Test
    void morePartsThanThePhotoFormHasAreNoForm() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append("--xYz\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"; filename=\"x\"\r\n\r\n")
                    .append("x\r\n");
        }
        assertThat(MultipartForm.parse(TYPE, bytes(b.append("--xYz--\r\n").toString()))).isEmpty();
    }
}
