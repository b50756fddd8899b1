package org.aftersaleshub.staff;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /api/v1/staff} and {@code PUT /api/v1/staff/{id}} (a full replace: an omitted optional field
 * is cleared). Unknown properties are refused.
 *
 * @param employeeNo       optional employee number (工号), 1..64 characters, unique
 * @param name             required, 1..64 characters
 * @param phone            optional; mainland mobile (13812345678), landline with area code (021-12345678,
 *                         extension after a dash), or international E.164 (+8613812345678)
 * @param region           optional service region, up to 64 characters
 * @param team             optional team, up to 64 characters
 * @param skills           optional, at most 50, each 1..64 characters; duplicates are dropped
 * @param roles            optional, duplicates dropped
 * @param supervisorId     optional hub id of an existing, active staff record; not this person, nor anyone this
 *                         person supervises directly or indirectly
 * @param dingTalkUserId   optional DingTalk userId, unique among staff
 * @param weComUserId      optional WeCom userid, unique among staff
 * @param preferredChannel optional, default NONE; DINGTALK needs dingTalkUserId, WECOM needs weComUserId
 * @param active           optional, default true
 * @param version          required on PUT: the version last read (a changed record answers 409); refused on POST
 */
@Schema(description = "A staff record to create, or the full new content of one (PUT).")
public record StaffRequest(
        @Schema(example = "E-2001", maxLength = 64) @Size(max = 64) @Pattern(regexp = ID_FORM) String employeeNo,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "张三", maxLength = 64)
        @NotBlank @Size(max = 64) String name,
        @Schema(example = "13812345678", maxLength = 32) @Size(max = 32) @Pattern(regexp = PHONE_FORM) String phone,
        @Schema(example = "华东", maxLength = 64) @Size(max = 64) String region,
        @Schema(example = "上海一组", maxLength = 64) @Size(max = 64) String team,
        @Schema(example = "[\"空调\", \"制冷\"]") @Size(max = 50) List<@NotBlank @Size(max = 64) String> skills,
        @Schema(example = "[\"ENGINEER\"]") List<@NotNull StaffRole> roles,
        UUID supervisorId,
        @Schema(example = "manager4711", maxLength = 64) @Size(max = 64) @Pattern(regexp = ID_FORM)
        String dingTalkUserId,
        @Schema(example = "zhangsan", maxLength = 64) @Size(max = 64) @Pattern(regexp = ID_FORM) String weComUserId,
        @Schema(defaultValue = "NONE") PreferredChannel preferredChannel,
        @Schema(defaultValue = "true") Boolean active,
        @Schema(description = "Required on PUT (the version last read); not allowed on POST", minimum = "1")
        @Min(1) Long version) {

    /**
     * Mainland mobile, landline with a 3..4 digit area code (dash optional, extension after a dash), or E.164.
     * Anchored so that the OpenAPI document states the same whole-value rule.
     */
    static final String PHONE_FORM = "^(?:1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(?:-\\d{1,6})?|\\+[1-9]\\d{6,14})$";

    /**
     * Printable ASCII without spaces (empty is allowed and means "none", as a sync may send it): what employee
     * numbers and IM user ids use (WeCom: letters, digits, _-@.;
     * DingTalk userIds are digits or letters, but the form is not documented, so it is not narrowed further).
     */
    static final String ID_FORM = "^[!-~]*$";
}
