package org.aftersaleshub.staff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.imports.ImportColumn;
import org.aftersaleshub.imports.ImportColumn.Type;
import org.aftersaleshub.imports.ImportRow;
import org.aftersaleshub.imports.ImportTarget;
import org.aftersaleshub.imports.RowProblem;
import org.aftersaleshub.masterdata.Violation;
import org.aftersaleshub.masterdata.WriteOutcome;
import org.springframework.stereotype.Component;

/**
 * Staff from a spreadsheet (人员导入), by 工号 (employee number): each row is judged by the staff API's rules
 * ({@link StaffService#checkImported}) and written as the record's full content
 * ({@link StaffService#upsertImported}); a number not yet in the directory takes over the record the contacts sync
 * made for the same DingTalk / WeCom id. The supervisor is named by 主管工号 and may be a row earlier in the file.
 * Roles, channel and 在职 accept the Chinese words (工程师, 钉钉, 是) or the API's values (ENGINEER, DINGTALK, true).
 */
@Component
public class StaffImportTarget implements ImportTarget {

    static final String ACTOR = "import";
    static final String ENTITY = "staff";

    private static final Map<String, StaffRole> ROLE_WORDS = Map.of("工程师", StaffRole.ENGINEER, "主管",
            StaffRole.SUPERVISOR, "服务总监", StaffRole.DIRECTOR, "总监", StaffRole.DIRECTOR, "仓管",
            StaffRole.WAREHOUSE_KEEPER, "仓库管理员", StaffRole.WAREHOUSE_KEEPER);
    private static final Map<String, PreferredChannel> CHANNEL_WORDS = Map.of("钉钉", PreferredChannel.DINGTALK,
            "企业微信", PreferredChannel.WECOM, "企微", PreferredChannel.WECOM, "无", PreferredChannel.NONE);
    private static final List<String> YES = List.of("是", "在职", "启用", "true", "yes", "y", "1");
    private static final List<String> NO = List.of("否", "离职", "停用", "false", "no", "n", "0");
    /** Between skills or roles in one cell: commas, semicolons and 、, half- or full-width (a skill may hold spaces). */
    private static final String LIST_SEPARATORS = "[,，;；、]+";

    private static final List<ImportColumn> COLUMNS = List.of(
            new ImportColumn("employeeNo", "工号", Type.TEXT, true, 64, "员工工号，如 E-2001（唯一）",
                    "employee number, e.g. E-2001 (unique)"),
            new ImportColumn("name", "姓名", Type.TEXT, true, 64, "姓名", "name"),
            new ImportColumn("phone", "手机", Type.TEXT, false, 32, "手机号或带区号座机，如 13812345678",
                    "mobile or landline with area code"),
            new ImportColumn("region", "区域", Type.TEXT, false, 64, "服务区域，如 华东", "service region, e.g. 华东"),
            new ImportColumn("team", "团队", Type.TEXT, false, 64, "团队或部门，如 上海一组", "team or department"),
            new ImportColumn("skills", "技能", Type.TEXT, false, 4000, "技能，多个用、或逗号分隔，如 空调、制冷",
                    "skills, separated by 、 or commas"),
            new ImportColumn("roles", "角色", Type.TEXT, false, 200, "工程师、主管、服务总监、仓管（可多个，用、分隔）",
                    "ENGINEER (工程师), SUPERVISOR (主管), DIRECTOR (服务总监), WAREHOUSE_KEEPER (仓管); several "
                            + "separated by 、 or commas"),
            new ImportColumn(StaffService.SUPERVISOR_COLUMN, "主管工号", Type.TEXT, false, 64,
                    "主管的工号：已有人员，或本文件中靠前的行", "the supervisor's employee number: an existing record or an "
                    + "earlier row"),
            new ImportColumn("dingTalkUserId", "钉钉账号", Type.TEXT, false, 64, "钉钉 userId（唯一）",
                    "DingTalk userId (unique)"),
            new ImportColumn("weComUserId", "企业微信账号", Type.TEXT, false, 64, "企业微信 userid（唯一）",
                    "WeCom userid (unique)"),
            new ImportColumn("preferredChannel", "首选渠道", Type.TEXT, false, 16, "钉钉、企业微信 或 无（默认 无）",
                    "DINGTALK (钉钉), WECOM (企业微信) or NONE (无, the default)"),
            new ImportColumn("active", "在职", Type.TEXT, false, 8, "是 或 否；留空则保持现状（新人员为 是）",
                    "yes (是) or no (否); empty keeps the current state (yes for a new record)"));

    private final StaffService service;

    StaffImportTarget(StaffService service) {
        this.service = service;
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public String label() {
        return "人员";
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> keyColumns() {
        return List.of("employeeNo");
    }

    @Override
    public List<RowProblem> check(ImportRow row, EarlierRows earlierKeys) {
        Parsed p = parse(row);
        if (!p.problems.isEmpty()) {
            return Violation.rows(p.problems);
        }
        return Violation.rows(service.checkImported(p.request, row.text(StaffService.SUPERVISOR_COLUMN),
                no -> earlierKeys.contains(ENTITY, no)));
    }

    @Override
    public WriteCounts write(List<ImportRow> rows) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (ImportRow row : rows) {
            WriteOutcome o = service.upsertImported(parse(row).request,
                    row.text(StaffService.SUPERVISOR_COLUMN), ACTOR);
            switch (o) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        return new WriteCounts(created, updated, unchanged);
    }

    /** A row as the API's request (supervisor and version left out: the service resolves the supervisor). */
    private record Parsed(StaffRequest request, List<Violation> problems) {
    }

    private static Parsed parse(ImportRow row) {
        List<Violation> problems = new ArrayList<>();
        List<StaffRole> roles = new ArrayList<>();
        for (String word : words(row.text("roles"))) {
            Optional<StaffRole> role = Optional.ofNullable(ROLE_WORDS.get(word)).or(() -> parseEnum(StaffRole.class,
                    word));
            role.ifPresentOrElse(roles::add, () -> problems.add(new Violation("roles",
                    "enum:" + Arrays.toString(StaffRole.values()), "角色「" + word + "」无效：须为 工程师、主管、服务总监 或 仓管",
                    "'" + word + "' is not one of ENGINEER, SUPERVISOR, DIRECTOR, WAREHOUSE_KEEPER")));
        }
        PreferredChannel channel = null;
        String ch = row.text("preferredChannel");
        if (ch != null && !ch.isBlank()) {
            channel = Optional.ofNullable(CHANNEL_WORDS.get(ch.strip()))
                    .or(() -> parseEnum(PreferredChannel.class, ch.strip())).orElse(null);
            if (channel == null) {
                problems.add(new Violation("preferredChannel", "enum:" + Arrays.toString(PreferredChannel.values()),
                        "首选渠道须为 钉钉、企业微信 或 无", "must be DINGTALK (钉钉), WECOM (企业微信) or NONE (无)"));
            }
        }
        Boolean active = null;
        String a = row.text("active");
        if (a != null && !a.isBlank()) {
            String v = a.strip().toLowerCase(Locale.ROOT);
            active = YES.contains(v) ? Boolean.TRUE : NO.contains(v) ? Boolean.FALSE : null;
            if (active == null) {
                problems.add(new Violation("active", "enum:[是, 否]", "在职须为 是 或 否", "must be yes (是) or no (否)"));
            }
        }
        StaffRequest request = new StaffRequest(row.text("employeeNo"), row.text("name"), row.text("phone"),
                row.text("region"), row.text("team"), words(row.text("skills")), roles, null,
                row.text("dingTalkUserId"), row.text("weComUserId"), channel, active, null);
        return new Parsed(request, problems);
    }

    private static List<String> words(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.strip().split(LIST_SEPARATORS)).filter(w -> !w.isBlank()).toList();
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String word) {
        try {
            return Optional.of(Enum.valueOf(type, word.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
