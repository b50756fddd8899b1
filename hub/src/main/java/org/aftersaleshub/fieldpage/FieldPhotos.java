package org.aftersaleshub.fieldpage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code field_photo} table (V10): photos by ticket, their bytes only when one is served. */
@Repository
class FieldPhotos {

    /** A photo without its bytes, for the page's list. */
    record PhotoInfo(String id, String ticketId, String contentType, int sizeBytes, String fileName,
                     Instant createdAt) {
    }

    /** A photo to serve. */
    record PhotoContent(String contentType, byte[] content) {
    }

    private final JdbcTemplate jdbc;

    FieldPhotos(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<PhotoInfo> ofTicket(String ticketId) {
        return jdbc.query("select id, ticket_id, content_type, size_bytes, file_name, created_at from field_photo "
                + "where ticket_id = ? order by created_at, id", (rs, i) -> new PhotoInfo(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getTimestamp(6).toInstant()),
                ticketId);
    }

    int count(String ticketId) {
        return jdbc.queryForObject("select count(*) from field_photo where ticket_id = ?", Integer.class, ticketId);
    }

    Optional<String> withHash(String ticketId, String sha256) {
        return jdbc.queryForList("select id from field_photo where ticket_id = ? and sha256 = ?", String.class,
                ticketId, sha256).stream().findFirst();
    }

    void insert(String id, String ticketId, String staffId, ImageType type, byte[] content, String sha256,
                String fileName, Instant at) {
        jdbc.update("insert into field_photo (id, ticket_id, staff_id, content_type, size_bytes, sha256, file_name, "
                        + "content, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, ticketId, staffId,
                type.mediaType, content.length, sha256, fileName, content, Timestamp.from(at));
    }

    Optional<PhotoContent> content(String ticketId, String photoId) {
        return jdbc.query("select content_type, content from field_photo where id = ? and ticket_id = ?",
                (rs, i) -> new PhotoContent(rs.getString(1), rs.getBytes(2)), photoId, ticketId).stream().findFirst();
    }
}
