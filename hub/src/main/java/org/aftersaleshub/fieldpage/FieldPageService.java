package org.aftersaleshub.fieldpage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.fieldpage.FieldPageLinks.Claims;
import org.aftersaleshub.fieldpage.FieldPageLinks.LinkRefused;
import org.aftersaleshub.fieldpage.FieldPageLinks.Refusal;
import org.aftersaleshub.fieldpage.FieldPhotos.PhotoContent;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRepository;
import org.aftersaleshub.ticket.PartUsageView;
import org.aftersaleshub.ticket.QuantityInput;
import org.aftersaleshub.ticket.RecordPartUsageRequest;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the field page does, each step for the engineer a verified link names and only while they are the ticket's
 * assignee: completing with a resolution note (the note is the status change's reason, so it is on the timeline),
 * recording a part used (a part usage through {@link TicketService}, so the erp-stock route books it once) and adding
 * a photo. Every change is also written to the audit log with the engineer as actor ({@code staff:<id>}).
 */
@Service
class FieldPageService {

    /** Most characters of a note: the status history's reason holds 1 000, with room for who and where. */
    static final int MAX_NOTE = 900;

    /** A link that opened: its claims, the ticket and the engineer. */
    record Access(Claims claims, Ticket ticket, Staff engineer) {
        String actor() {
            return "staff:" + engineer.id();
        }
    }

    /** What a successful form did, for the page's message. */
    enum Done { RESOLVED, PART, PART_AGAIN, PHOTO, PHOTO_AGAIN }

    private final FieldPageLinks links;
    private final TicketService tickets;
    private final StaffRepository staff;
    private final FieldPhotos photos;
    private final FieldPageProperties props;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;

    FieldPageService(FieldPageLinks links, TicketService tickets, StaffRepository staff, FieldPhotos photos,
                     FieldPageProperties props, AuditLog audit, JdbcTemplate jdbc) {
        this.links = links;
        this.tickets = tickets;
        this.staff = staff;
        this.photos = photos;
        this.props = props;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /**
     * Opens a link: well signed, unexpired, for a ticket the hub holds whose assignee is the link's engineer now
     * (a reassigned ticket's old link stops working), and an active staff member.
     *
     * @throws LinkRefused saying why not
     */
    @Transactional(readOnly = true)
    public Access open(String token) {
        Claims c = links.verify(token);
        Ticket t;
        try {
            t = tickets.get(c.ticketId());
        } catch (ApiProblem notFound) {
            throw new LinkRefused(Refusal.UNKNOWN_TICKET);
        }
        if (!c.staffId().equals(t.assigneeId())) {
            throw new LinkRefused(Refusal.NOT_ASSIGNEE);
        }
        Staff engineer = staff.find(c.staffId()).filter(Staff::active)
                .orElseThrow(() -> new LinkRefused(Refusal.NOT_ASSIGNEE));
        return new Access(c, t, engineer);
    }

    List<PartUsageView> usages(Access a) {
        return tickets.partUsages(a.ticket().id());
    }

    List<FieldPhotos.PhotoInfo> photos(Access a) {
        return photos.ofTicket(a.ticket().id());
    }

    /** A new id for the 备件 form of one page render: the idempotency key of the usage it records. */
    static String newFormId() {
        return "FP-" + UUID.randomUUID();
    }

    /**
     * 完成: IN_PROGRESS → RESOLVED with the note as the reason, only by the assignee (checked again under the ticket's
     * lock, so a reassignment that slipped in between is seen).
     */
    @Transactional
    public Done resolve(String token, String note) {
        Access a = open(token);
        String text = note == null ? "" : note.strip();
        if (text.isEmpty()) {
            throw FormRefused.of(HttpStatus.BAD_REQUEST, "note", "请填写处理说明");
        }
        if (text.length() > MAX_NOTE) {
            throw FormRefused.of(HttpStatus.BAD_REQUEST, "note", "处理说明最多 " + MAX_NOTE + " 个字");
        }
        Map<String, Object> row = jdbc.queryForMap("select status, assignee_id from ticket where id = ? for update",
                a.ticket().id());
        if (!a.engineer().id().equals(row.get("assignee_id"))) {
            throw new LinkRefused(Refusal.NOT_ASSIGNEE);
        }
        TicketStatus status = TicketStatus.valueOf((String) row.get("status"));
        if (status != TicketStatus.IN_PROGRESS) {
            throw FormRefused.of(HttpStatus.CONFLICT, "note", status == TicketStatus.RESOLVED
                    || status == TicketStatus.CLOSED ? "此工单已完成，无需重复提交" : "只有处理中的工单可以完成（当前状态："
                    + FieldPageView.statusName(status) + "），请先在卡片上点击「到场」");
        }
        tickets.changeStatus(a.ticket().id(), TicketStatus.RESOLVED, "处理说明：" + text + "（现场页面，"
                + a.engineer().name() + "）", a.actor());
        audit.record(a.actor(), "field-page.resolve", a.ticket().id(), "resolved with a note of " + text.length()
                + " characters");
        return Done.RESOLVED;
    }

    /**
     * A part used: a part usage with the form's id, so the same form sent twice is one usage and one ERP document.
     * The API's refusals (unknown part or warehouse, short stock, ERP not answering) come back as Chinese field
     * messages.
     */
    public Done usePart(String token, PartForm form) {
        Access a = open(token);
        RecordPartUsageRequest request = new RecordPartUsageRequest(form.formId(), form.sku(),
                new QuantityInput(form.quantity(), form.unit()), form.warehouse(), List.of());
        TicketService.PartUsageResult result;
        try {
            result = recordOnce(a.ticket().id(), request);
        } catch (ApiProblem p) {
            throw refusal(p);
        }
        if (!result.created()) {
            return Done.PART_AGAIN;
        }
        audit.record(a.actor(), "field-page.part-usage", a.ticket().id(), "part usage " + form.formId() + ": "
                + form.sku() + " x " + form.quantity().toPlainString() + " " + form.unit() + " from "
                + form.warehouse());
        return Done.PART;
    }

    /**
     * A double tap sends the same form twice at once: both find no usage, one inserts it and the other loses the race
     * on the ticket row or the usage id. The API answers that loser 409 "retry"; an engineer on a phone should not
     * see it, so the page retries once, and the retry finds the usage the winner committed (PART_AGAIN).
     */
    private TicketService.PartUsageResult recordOnce(String ticketId, RecordPartUsageRequest request) {
        try {
            return tickets.recordPartUsage(ticketId, request);
        } catch (ConcurrencyFailureException | DuplicateKeyException raced) {
            return tickets.recordPartUsage(ticketId, request);
        }
    }

    /**
     * A photo: JPEG, PNG or WebP by its own bytes (a name whose extension says another type is refused), at most
     * {@code max-photo-bytes}, at most {@code max-photos-per-ticket} per ticket; the same picture twice is kept once.
     */
    @Transactional
    public Done addPhoto(String token, String fileName, byte[] content, boolean tooLarge) {
        Access a = open(token);
        long max = props.maxPhotoBytes().toBytes();
        if (tooLarge || content.length > max) {
            throw FormRefused.of(HttpStatus.PAYLOAD_TOO_LARGE, "photo", "照片不能超过 " + megabytes(max));
        }
        if (content.length == 0) {
            throw FormRefused.of(HttpStatus.BAD_REQUEST, "photo", "请选择一张照片");
        }
        ImageType type = ImageType.sniff(content).orElseThrow(() -> FormRefused.of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "photo", "只接受 JPEG、PNG 或 WebP 格式的照片"));
        Optional<ImageType> named = nameType(fileName);
        if (named.isPresent() && named.get() != type) {
            throw FormRefused.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "photo", "文件内容与扩展名不符（内容是 "
                    + type.name() + "），请直接上传相机拍摄的照片");
        }
        TicketStatus status = TicketStatus.valueOf(jdbc.queryForObject(
                "select status from ticket where id = ? for update", String.class, a.ticket().id()));
        if (status == TicketStatus.CLOSED || status == TicketStatus.CANCELLED) {
            throw FormRefused.of(HttpStatus.CONFLICT, "photo", "工单已" + FieldPageView.statusName(status)
                    + "，不能再添加照片");
        }
        String hash = sha256(content);
        if (photos.withHash(a.ticket().id(), hash).isPresent()) {
            return Done.PHOTO_AGAIN;
        }
        if (photos.count(a.ticket().id()) >= props.maxPhotosPerTicket()) {
            throw FormRefused.of(HttpStatus.CONFLICT, "photo", "每个工单最多 " + props.maxPhotosPerTicket() + " 张照片");
        }
        String id = UUID.randomUUID().toString();
        String name = fileName == null ? null : fileName.length() > 255 ? fileName.substring(0, 255) : fileName;
        photos.insert(id, a.ticket().id(), a.engineer().id(), type, content, hash, name,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        audit.record(a.actor(), "field-page.photo", a.ticket().id(), "photo " + id + " (" + type.mediaType + ", "
                + content.length + " bytes) added");
        return Done.PHOTO;
    }

    /** A photo of the link's ticket, empty when the ticket has no such photo. */
    @Transactional(readOnly = true)
    public Optional<PhotoContent> photo(String token, String photoId) {
        Access a = open(token);
        return photos.content(a.ticket().id(), photoId);
    }

    private static Optional<ImageType> nameType(String fileName) {
        if (fileName == null || !fileName.contains(".")) {
            return Optional.empty();
        }
        return switch (fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg", "jfif" -> Optional.of(ImageType.JPEG);
            case "png" -> Optional.of(ImageType.PNG);
            case "webp" -> Optional.of(ImageType.WEBP);
            default -> Optional.empty();
        };
    }

    /** The API's answer to a part usage as the form's Chinese messages. */
    private static FormRefused refusal(ApiProblem p) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> members = p.toProblemDetail("/").getProperties();
        Object listed = members == null ? null : members.get("errors");
        if (listed instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof FieldViolation v) {
                    String field = switch (v.field()) {
                        case "partSku", "sku" -> "sku";
                        case "warehouse" -> "warehouse";
                        case "quantity.value", "quantity" -> "quantity";
                        case "quantity.unit" -> "unit";
                        default -> "form";
                    };
                    errors.putIfAbsent(field, "sku".equals(field) && "exists".equals(v.rule())
                            ? "备件资料中没有此备件编码" : message(v.rule()));
                }
            }
        }
        if (errors.isEmpty()) {
            errors.put("form", switch (p.status()) {
                case CONFLICT -> "工单已结束，不能再登记备件";
                case BAD_GATEWAY, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT -> "ERP 暂时无法确认备件，请稍后再提交";
                default -> "未登记，请稍后再试或联系主管";
            });
        }
        return new FormRefused(p.status(), errors);
    }

    private static String message(String rule) {
        if (rule == null) {
            return "填写有误";
        }
        if (rule.startsWith("max-available:")) {
            return "库存不足，仓库可用 " + rule.substring("max-available:".length());
        }
        if (rule.startsWith("pattern")) {
            return "格式不正确，ERP 不接受其中的字符";
        }
        if (rule.startsWith("erp-code:")) {
            return "此备件未配置该仓库所用 ERP 的编码";
        }
        return switch (rule) {
            case "mapped" -> "仓库资料中没有此仓库，或它未接入 ERP";
            case "same-as-recorded" -> "此表单已提交过其他内容，请刷新页面后重新填写";
            default -> "填写有误（" + rule + "）";
        };
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
