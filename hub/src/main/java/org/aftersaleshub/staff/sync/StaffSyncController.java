package org.aftersaleshub.staff.sync;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/staff/sync/{instance}} (admin): a contacts sync now, answered with what it did. */
@RestController
@Tag(name = "Staff")
@ApiResponse(responseCode = "400", description = "The instance name is not a connector instance name",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
@ApiResponse(responseCode = "401", description = "No or invalid API key",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
@ApiResponse(responseCode = "403", description = "The API key lacks the admin scope",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
public class StaffSyncController {

    private final StaffSyncService sync;

    StaffSyncController(StaffSyncService sync) {
        this.sync = sync;
    }

    @PostMapping(path = "/api/v1/staff/sync/{instance}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Sync the staff directory from an IM's contacts now (admin)", description = "Reads the "
            + "departments and members of the DingTalk or WeCom connector instance, upserts staff by the platform's "
            + "user id, deactivates who is no longer listed and sets supervisors from department leaders "
            + "(rules: docs/notifications.md, \"Contacts sync\"). Every change is audited. The same sync also runs "
            + "on the schedule for hub.staff.sync.instances; one sync of an instance runs at a time across all hub "
            + "instances.")
    @ApiResponse(responseCode = "200", description = "What the sync did: added, updated, deactivated, unchanged")
    @ApiResponse(responseCode = "404", description = "No DingTalk or WeCom connector instance of that name",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "409", description = "A sync of this instance is running",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "502", description = "The platform answered with an error; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "503", description = "The platform did not answer; nothing was changed, try later",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    SyncSummary sync(@Parameter(description = "connector instance name, e.g. dingtalk-main")
                     @PathVariable("instance") @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,62}$") String instance,
                     Authentication caller) {
        try {
            return sync.sync(instance, caller.getName());
        } catch (StaffSyncService.NotSyncable e) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "connector-not-syncable", "No IM connector instance "
                    + "(无此通讯录来源)", "There is no DingTalk or WeCom connector instance named " + instance
                    + "; syncable instances: " + sync.syncable() + " (GET /api/v1/connectors lists every instance).")
                    .with("errors", List.of(new FieldViolation("instance", "syncable",
                            "is not a declared DingTalk or WeCom connector instance")));
        } catch (StaffSyncService.SyncRunning e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "sync-running", "Sync already running (同步进行中)",
                    "A contacts sync of " + instance + " is running on this or another hub instance; ask again "
                            + "when it is done.").with("errors", List.of(new FieldViolation("instance",
                    "not-running", "a sync of this instance is running")));
        } catch (ConnectorException e) {
            HttpStatus status = e.outcome() == Outcome.RETRYABLE ? HttpStatus.SERVICE_UNAVAILABLE
                    : HttpStatus.BAD_GATEWAY;
            throw new ApiProblem(status, "contacts-unavailable", "Contacts not readable (通讯录读取失败)",
                    "The " + e.system() + " contacts of " + instance + " could not be read, so nothing was changed: "
                            + e.getMessage()).with("errors", List.of(new FieldViolation("instance",
                    "contacts-answer", "its platform did not give the contacts")));
        }
    }
}
