package org.aftersaleshub.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.imports.ImportJob;
import org.aftersaleshub.imports.ImportJobs;
import org.aftersaleshub.imports.ImportMode;
import org.aftersaleshub.imports.ImportRow;
import org.aftersaleshub.imports.ImportTarget;
import org.aftersaleshub.imports.RowProblem;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Staff through the master-data import ({@code staff}, docs/import.md): files with Chinese or English headers add,
 * change and — imported again — leave records alone (no version, no audit row); a row takes over the record the
 * contacts sync made for its IM id; bad rows are refused naming the column and the staff API's rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffImportTest extends ApiTestSupport {

    static final String ZH = "工号,姓名,手机,区域,团队,技能,角色,主管工号,钉钉账号,企业微信账号,首选渠道,在职";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        Path dataDir = HubTestDatabases.h2(r);
        r.add("hub.routes-dir", () -> emptyDir(dataDir.resolve("routes")));
    }

    @Autowired
    ImportJobs jobs;
    @Autowired
    StaffImportTarget target;
    @Autowired
    StaffService service;

    final String tag = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theTemplateCarriesTheChineseHeadersLikeTheOtherEntities() {
        assertThat(jobs.entities()).contains("staff", "customers", "devices", "parts", "warehouses");
        ApiTestClient.Answer csv = client("staff-importer", ApiScope.MASTERDATA_WRITE)
                .get("/api/v1/imports/staff/template.csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body().replace("\uFEFF", "").trim()).isEqualTo(ZH);
    }

    @Test
    void addChangeAndAnUnchangedReimportThatWritesNothing() throws IOException {
        String boss = "E-B" + tag;
        String eng = "E-E" + tag;
        String first = ZH + "\n"
                + boss + ",王主管,13800000001,华东,上海一组,,主管,,,wc_b" + tag + ",企业微信,是\n"
                + eng + ",张工,13800000002,华东,上海一组,空调、制冷,工程师," + boss + ",ding_e" + tag + ",,钉钉,\n";
        ImportJob added = run(first, ImportMode.ALL_OR_NOTHING);
        assertThat(added.state()).as(added.errorSummary()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(added.created()).isEqualTo(2);
        Map<String, Object> engineer = jdbc.queryForMap("select id, supervisor_id, preferred_channel, source, "
                + "version from staff where employee_no = ?", eng);
        String bossId = jdbc.queryForObject("select id from staff where employee_no = ?", String.class, boss);
        assertThat(engineer).containsEntry("SUPERVISOR_ID", bossId).containsEntry("PREFERRED_CHANNEL", "DINGTALK")
                .containsEntry("SOURCE", "import");
        assertThat(service.get((String) engineer.get("ID")).skills()).containsExactly("制冷", "空调");
        assertThat(service.get(bossId).roles()).containsExactly(StaffRole.SUPERVISOR);

        // the engineer moves team; English headers are accepted as well
        String changed = "employeeNo,name,phone,region,team,skills,roles,supervisorEmployeeNo,dingTalkUserId,"
                + "weComUserId,preferredChannel,active\n"
                + boss + ",王主管,13800000001,华东,上海一组,,SUPERVISOR,,,wc_b" + tag + ",WECOM,true\n"
                + eng + ",张工,13800000002,华东,上海二组,空调;制冷,ENGINEER," + boss + ",ding_e" + tag + ",,DINGTALK,\n";
        ImportJob updated = run(changed, ImportMode.ALL_OR_NOTHING);
        assertThat(updated.state()).as(updated.errorSummary()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(List.of(updated.created(), updated.updated(), updated.unchanged())).containsExactly(0, 1, 1);
        assertThat(jdbc.queryForMap("select team, version from staff where employee_no = ?", eng))
                .containsEntry("TEAM", "上海二组").containsEntry("VERSION", 2L);

        List<Map<String, Object>> before = jdbc.queryForList("select id, version, updated_at from staff where "
                + "employee_no in (?, ?) order by id", boss, eng);
        Long audits = audits();
        ImportJob again = run(changed, ImportMode.ALL_OR_NOTHING);
        assertThat(List.of(again.created(), again.updated(), again.unchanged())).containsExactly(0, 0, 2);
        assertThat(jdbc.queryForList("select id, version, updated_at from staff where employee_no in (?, ?) "
                + "order by id", boss, eng)).isEqualTo(before);
        assertThat(audits()).as("an unchanged row is not audited").isEqualTo(audits);
    }

    @Test
    void aRowTakesOverTheRecordTheContactsSyncMadeForItsImId() throws IOException {
        Staff synced = service.create(new StaffRequest(null, "李四", null, null, null, null, null, null,
                "ding_s" + tag, null, PreferredChannel.DINGTALK, true, null), "sync");
        ImportJob job = run(ZH + "\nE-S" + tag + ",李四,,华南,,,工程师,,ding_s" + tag + ",,钉钉,\n",
                ImportMode.ALL_OR_NOTHING);
        assertThat(List.of(job.created(), job.updated())).as(String.valueOf(job.errorSummary()))
                .containsExactly(0, 1);
        Staff after = service.get(synced.id());
        assertThat(after.employeeNo()).isEqualTo("E-S" + tag);
        assertThat(after.region()).isEqualTo("华南");
        assertThat(after.source()).isEqualTo(StaffSource.API);
    }

    @Test
    void badRowsAreRefusedNamingTheColumnAndTheStaffApisRule() throws IOException {
        service.create(new StaffRequest("E-H" + tag, "占用者", null, null, null, null, null, null, "ding_h" + tag,
                null, PreferredChannel.DINGTALK, true, null), "test");
        ImportTarget.EarlierRows none = (entity, key) -> false;
        assertThat(rules(target.check(row("employeeNo", "E 1", "name", "x", "phone", "12345",
                "roles", "工程师、厨师", "preferredChannel", "短信", "active", "也许"), none)))
                .containsExactlyInAnyOrder("roles enum:[ENGINEER, SUPERVISOR, DIRECTOR, WAREHOUSE_KEEPER]",
                        "preferredChannel enum:[DINGTALK, WECOM, NONE]", "active enum:[是, 否]");
        assertThat(rules(target.check(row("employeeNo", "E 1", "name", "x", "phone", "12345",
                "preferredChannel", "企业微信"), none))).containsExactlyInAnyOrder(
                "employeeNo pattern:" + StaffRequest.ID_FORM, "phone pattern:phone", "preferredChannel requires:"
                        + "weComUserId");
        assertThat(rules(target.check(row("employeeNo", "E-N" + tag, "name", "x", "dingTalkUserId", "ding_h" + tag,
                "supervisorEmployeeNo", "E-NOBODY" + tag), none))).containsExactlyInAnyOrder(
                "dingTalkUserId unique", "supervisorEmployeeNo unknown-reference:staff");
        ImportTarget.EarlierRows bossEarlier = (entity, key) -> entity.equals("staff")
                && key.equals("E-NOBODY" + tag);
        assertThat(rules(target.check(row("employeeNo", "E-N" + tag, "name", "x", "supervisorEmployeeNo",
                "E-NOBODY" + tag), bossEarlier))).as("a supervisor earlier in the file").isEmpty();
        assertThat(rules(target.check(row("employeeNo", "E-N" + tag, "name", "x", "supervisorEmployeeNo",
                "E-N" + tag), none))).containsExactly("supervisorEmployeeNo not-self");

        // through the engine: the good row is written, the bad one refused and counted
        ImportJob job = run(ZH + "\nE-G" + tag + ",好行,,,,,,,,,,\nE-X" + tag + ",坏行,,,,,,,ding_h" + tag + ",,,\n",
                ImportMode.VALID_ROWS);
        assertThat(job.state()).isEqualTo(ImportJob.State.PARTIAL);
        assertThat(List.of(job.created(), job.rejected())).containsExactly(1, 1);
        assertThat(jdbc.queryForObject("select count(*) from staff where employee_no = ?", Long.class, "E-X" + tag))
                .isZero();
    }

    // ------------------------------------------------------------------ helpers

    ImportJob run(String csv, ImportMode mode) throws IOException {
        Path file = Files.createTempFile("staff-import", ".csv");
        try {
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            return jobs.runNow("staff", file, mode, "staff-import-test");
        } finally {
            Files.delete(file);
        }
    }

    Long audits() {
        return jdbc.queryForObject("select count(*) from audit_log where action like 'staff.%'", Long.class);
    }

    static List<String> rules(List<RowProblem> problems) {
        return problems.stream().map(p -> p.column() + " " + p.rule()).toList();
    }

    static ImportRow row(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return new ImportRow(2, values);
    }

}
