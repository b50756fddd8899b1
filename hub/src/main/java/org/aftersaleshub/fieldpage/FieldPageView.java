package org.aftersaleshub.fieldpage;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.ticket.PartUsageView;

/**
 * What the page template shows, already in Chinese and in the hub's time zone, so the template only places text
 * (Thymeleaf escapes every value).
 */
record FieldPageView(String token, String ticketNumber, String customer, String device, String fault,
                     String description, String status, String engineer, boolean canResolve, String resolveHint,
                     boolean open, List<Usage> usages, List<Photo> photos, int maxPhotos, String maxPhotoSize,
                     String formId, String expiresAt) {

    /** One part used, as a line of the list. */
    record Usage(String sku, String quantity, String warehouse, String state) {
    }

    /** One photo: its id (the address is made from the link) and a caption. */
    record Photo(String id, String caption) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    static FieldPageView of(FieldPageService.Access a, List<PartUsageView> usages, List<FieldPhotos.PhotoInfo> photos,
                            FieldPageProperties props, ZoneId zone, String token, String formId) {
        Ticket t = a.ticket();
        DeviceRef d = t.device();
        String model = d == null || d.model() == null || d.model().isBlank() ? null : d.model();
        String serial = d == null || d.serial() == null || d.serial().isBlank() ? null : d.serial();
        String device = model == null && serial == null ? "未登记"
                : model == null ? serial : serial == null ? model : model + "（" + serial + "）";
        boolean canResolve = t.status() == TicketStatus.IN_PROGRESS;
        String hint = switch (t.status()) {
            case IN_PROGRESS -> null;
            case RESOLVED, CLOSED -> "此工单已完成";
            case WAITING_PARTS -> "工单正在等待备件，备件到位后再完成";
            case CANCELLED -> "此工单已取消";
            default -> "到场后（在卡片上点击「到场」）才能完成";
        };
        long max = props.maxPhotoBytes().toBytes();
        return new FieldPageView(token, t.number(), t.customerId(), device, t.faultType(),
                t.description() == null || t.description().isBlank() ? null : t.description(),
                statusName(t.status()), a.engineer().name(), canResolve, hint, t.status().isOpen(),
                usages.stream().map(u -> new Usage(u.partSku(), u.quantity().value().stripTrailingZeros()
                        .toPlainString() + " " + u.quantity().unit(), u.warehouse(), usageState(u))).toList(),
                photos.stream().map(p -> new Photo(p.id(), (p.fileName() == null ? "照片" : p.fileName()) + " · "
                        + TIME.format(p.createdAt().atZone(zone)))).toList(),
                props.maxPhotosPerTicket(), max % (1024 * 1024) == 0 ? max / (1024 * 1024) + " MB" : max / 1024 + " KB",
                formId, TIME.format(a.claims().expiresAt().atZone(zone)));
    }

    private static final Map<TicketStatus, String> STATUS = Map.of(TicketStatus.NEW, "新建", TicketStatus.ASSIGNED,
            "已派工", TicketStatus.ACCEPTED, "已接单", TicketStatus.IN_PROGRESS, "处理中", TicketStatus.WAITING_PARTS,
            "待备件", TicketStatus.RESOLVED, "已解决", TicketStatus.CLOSED, "已关闭", TicketStatus.CANCELLED, "已取消");

    static String statusName(TicketStatus s) {
        return STATUS.get(s);
    }

    private static String usageState(PartUsageView u) {
        if (u.returnedAt() != null) {
            return "已退回";
        }
        PartUsageState s = u.state();
        return switch (s) {
            case PENDING -> "待 ERP 扣减";
            case DEDUCTED -> "ERP 已扣减" + (u.erpDocumentNumber() == null ? "" : "（" + u.erpDocumentNumber() + "）");
            case FAILED -> "ERP 扣减失败";
            case REVERSED -> "已冲回";
        };
    }
}
