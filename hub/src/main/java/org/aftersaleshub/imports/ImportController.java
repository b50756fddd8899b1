package org.aftersaleshub.imports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The import API (docs/import.md); every path needs the masterdata:write scope (security/ScopeRules). */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "Excel / CSV import of master data (主数据导入)")
class ImportController {

    private final ImportJobs jobs;
    private final ImportUploadBody uploads;
    private final ImportSheets sheets;

    ImportController(ImportJobs jobs, ImportUploadBody uploads, ImportSheets sheets) {
        this.jobs = jobs;
        this.uploads = uploads;
        this.sheets = sheets;
    }

    @PostMapping("/{entity}")
    @Operation(summary = "Upload an xlsx or CSV file (multipart part 'file', or the file as the body) and queue its "
            + "import: 202 with the job, or one problem naming what is wrong with the file")
    ResponseEntity<Map<String, Object>> upload(@PathVariable String entity,
            @RequestParam(defaultValue = "ALL_OR_NOTHING") ImportMode mode,
            @RequestParam(required = false) String charset,
            @Parameter(description = "customers only: false writes the rows without announcing them to the CRM and "
                    + "records them as what the CRM holds (a first load exported from the CRM); a later change of a "
                    + "field the hub sends is still sent once")
            @RequestParam(name = "crmPush", defaultValue = "true") boolean crmPush,
            HttpServletRequest request, Principal principal) throws IOException {
        ImportTarget target = jobs.target(entity);
        Charset forced = charset(charset);
        if (!crmPush && !target.announcesToCrm()) {
            throw ApiProblem.validation(List.of(new FieldViolation("crmPush", "only-for:customers",
                    "applies only to entities announced to the CRM (customers); " + entity + " never is (仅客户导入可用)")));
        }
        ImportJobs.Upload upload = uploads.read(request);
        ImportJob job;
        try {
            job = jobs.submit(entity, upload, mode, new ImportOptions(crmPush),
                    principal == null ? "anonymous" : principal.getName(), forced);
        } catch (FileRefusal refused) {
            throw refused.toProblem();
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + job.id())).body(view(job));
    }

    @GetMapping("/{jobId}")
    @Operation(summary = "A job's state, progress (rows done / total) and counts, from any hub instance")
    Map<String, Object> job(@PathVariable String jobId) {
        return view(find(jobId));
    }

    @GetMapping("/{jobId}/errors.xlsx")
    @Operation(summary = "The refused rows of a job with their cells and reasons (错误报告)")
    void errors(@PathVariable String jobId, HttpServletResponse response) throws IOException {
        ImportJob job = find(jobId);
        xlsx(response, job.entity() + "-errors-" + job.id() + ".xlsx");
        sheets.errorReport(job, jobs.target(job.entity()), response.getOutputStream());
    }

    @GetMapping("/{entity}/template.xlsx")
    @Operation(summary = "The xlsx template of an entity: Chinese headers, a second sheet 说明 with hints")
    void templateXlsx(@PathVariable String entity, HttpServletResponse response) throws IOException {
        ImportTarget target = jobs.target(entity);
        xlsx(response, entity + "-template.xlsx");
        sheets.templateXlsx(target, response.getOutputStream());
    }

    @GetMapping("/{entity}/template.csv")
    @Operation(summary = "The CSV template of an entity (UTF-8 with BOM, Chinese headers)")
    void templateCsv(@PathVariable String entity, HttpServletResponse response) throws IOException {
        ImportTarget target = jobs.target(entity);
        response.setContentType("text/csv;charset=UTF-8");
        disposition(response, entity + "-template.csv");
        sheets.templateCsv(target, response.getOutputStream());
    }

    private ImportJob find(String jobId) {
        return jobs.find(jobId).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "import-job-not-found",
                "Import job not found (导入任务不存在)", "There is no import job with id " + jobId + ".")
                .with("errors", List.of(new FieldViolation("jobId", "exists", "is not the id of an import job"))));
    }

    private static Charset charset(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "GBK", "GB2312", "GB18030" -> Charset.forName("GB18030");
            default -> throw ApiProblem.validation(List.of(new FieldViolation("charset", "enum:[UTF-8, GBK]",
                    "must be UTF-8 or GBK (CSV 字符集)")));
        };
    }

    private static void xlsx(HttpServletResponse response, String fileName) {
        response.setContentType(ImportUploadBody.XLSX);
        disposition(response, fileName);
    }

    private static void disposition(HttpServletResponse response, String fileName) {
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    static Map<String, Object> view(ImportJob j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("entity", j.entity());
        m.put("mode", j.mode());
        m.put("state", j.state());
        m.put("phase", j.phase());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("rowsTotal", j.rowsTotal());
        progress.put("rowsChecked", j.rowsChecked());
        progress.put("rowsDone", j.rowsDone());
        progress.put("percent", j.state().finished() ? 100 : j.rowsTotal() == 0 ? 0
                : (int) ((j.rowsChecked() + (long) j.rowsDone()) * 50 / j.rowsTotal()));
        m.put("progress", progress);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("created", j.created());
        counts.put("updated", j.updated());
        counts.put("unchanged", j.unchanged());
        counts.put("rejected", j.rejected());
        m.put("counts", counts);
        m.put("fileName", j.fileName());
        m.put("fileBytes", j.fileBytes());
        m.put("sha256", j.sha256());
        m.put("actor", j.actor());
        m.put("createdAt", j.createdAt());
        m.put("startedAt", j.startedAt());
        m.put("finishedAt", j.finishedAt());
        m.put("errorSummary", j.errorSummary());
        m.put("options", Map.of("crmPush", j.crmPush()));
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/api/v1/imports/" + j.id());
        links.put("errors", "/api/v1/imports/" + j.id() + "/errors.xlsx");
        m.put("links", links);
        return m;
    }
}
