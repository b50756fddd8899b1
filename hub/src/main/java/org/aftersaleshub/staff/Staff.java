package org.aftersaleshub.staff;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One person in the staff directory.
 *
 * @param id               hub id (UUID); what tickets store as assignee
 * @param employeeNo       the company's employee number (工号), unique when present; the import's key
 * @param name             display name
 * @param phone            mobile or landline, as entered
 * @param region           service region (e.g. 华东), the same values as a ticket's region
 * @param team             team or department name
 * @param skills           skills for dispatch (e.g. 空调, 制冷), sorted
 * @param roles            roles and titles held, sorted
 * @param supervisorId     hub id of the supervisor, or null
 * @param dingTalkUserId   DingTalk userId, unique when present
 * @param weComUserId      WeCom userid, unique when present
 * @param preferredChannel where notices go
 * @param active           false once deactivated (left the company, or removed from the IM directory)
 * @param source           who created the record
 * @param createdAt        when the record was created
 * @param updatedAt        last change
 * @param deactivatedAt    when it was deactivated, null while active
 * @param version          increases with each change; send it back with PUT
 */
@Schema(description = "A person in the staff directory (人员).")
public record Staff(
        @Schema(example = "3f1c2a4e-8d7b-4c6a-9e2f-1a2b3c4d5e6f") String id,
        @Schema(example = "E-2001") String employeeNo,
        @Schema(example = "张三") String name,
        @Schema(example = "13812345678") String phone,
        @Schema(example = "华东") String region,
        @Schema(example = "上海一组") String team,
        List<String> skills,
        List<StaffRole> roles,
        String supervisorId,
        @Schema(example = "manager4711") String dingTalkUserId,
        @Schema(example = "zhangsan") String weComUserId,
        PreferredChannel preferredChannel,
        boolean active,
        @Schema(allowableValues = {"api", "dingtalk-sync", "wecom-sync", "import"}) StaffSource source,
        Instant createdAt,
        Instant updatedAt,
        Instant deactivatedAt,
        long version) {
}
