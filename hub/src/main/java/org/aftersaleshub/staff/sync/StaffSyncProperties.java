package org.aftersaleshub.staff.sync;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.staff.StaffRole;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.staff.sync.*}: the contacts sync.
 *
 * @param instances        connector instances (DingTalk or WeCom) synced on the schedule; empty: none (the on-demand
 *                         API works for every IM instance either way)
 * @param interval         pause between scheduled syncs (default 1h)
 * @param initialDelay     first scheduled sync after start (default 1m)
 * @param maxDuration      a sync that has not finished after this is taken as crashed: its lock expires and another
 *                         hub instance may sync (default 30m)
 * @param rootDepartments  per instance, the department whose subtree is synced (e.g. 售后服务部); default the whole
 *                         organisation the app sees
 * @param matchBy          how a member met for the first time is matched to an existing record that has no id of
 *                         this platform yet: MOBILE (one active record with the same phone), NAME (one active record
 *                         with the same name). Default [MOBILE]; an ambiguous match creates a new record
 * @param titleRoles       job titles (职务) that give roles: a member whose title contains {@code title} holds
 *                         {@code role}; department leaders are SUPERVISOR. Default see {@link #DEFAULT_TITLE_ROLES}
 * @param defaultRole      the role of a member no title rule and no leadership gives one (default ENGINEER; NONE
 *                         for no role)
 * @param departmentRegions departments whose members belong to a service region (华东区 → 华东), nearest department
 *                         first (the member's main department, then its parents)
 */
@ConfigurationProperties("hub.staff.sync")
public record StaffSyncProperties(List<String> instances, Duration interval, Duration initialDelay,
                                  Duration maxDuration, Map<String, Long> rootDepartments, List<MatchBy> matchBy,
                                  List<TitleRole> titleRoles, String defaultRole,
                                  List<DepartmentRegion> departmentRegions) {

    /** How a new member is matched to an existing record. */
    public enum MatchBy { MOBILE, NAME }

    /** A member whose title contains {@code title} holds {@code role}. */
    public record TitleRole(String title, StaffRole role) {
    }

    /** Members of the department named {@code department} (or below it) work in {@code region}. */
    public record DepartmentRegion(String department, String region) {
    }

    public static final List<TitleRole> DEFAULT_TITLE_ROLES = List.of(new TitleRole("总监", StaffRole.DIRECTOR),
            new TitleRole("主管", StaffRole.SUPERVISOR), new TitleRole("经理", StaffRole.SUPERVISOR),
            new TitleRole("仓库", StaffRole.WAREHOUSE_KEEPER), new TitleRole("仓管", StaffRole.WAREHOUSE_KEEPER),
            new TitleRole("工程师", StaffRole.ENGINEER), new TitleRole("技术员", StaffRole.ENGINEER));

    public StaffSyncProperties {
        instances = instances == null ? List.of() : instances.stream().filter(s -> s != null && !s.isBlank())
                .map(String::trim).toList();
        interval = interval == null || interval.toSeconds() < 1 ? Duration.ofHours(1) : interval;
        initialDelay = initialDelay == null ? Duration.ofMinutes(1) : initialDelay;
        maxDuration = maxDuration == null || maxDuration.toSeconds() < 10 ? Duration.ofMinutes(30) : maxDuration;
        rootDepartments = rootDepartments == null ? Map.of() : Map.copyOf(rootDepartments);
        matchBy = matchBy == null || matchBy.isEmpty() ? List.of(MatchBy.MOBILE) : List.copyOf(matchBy);
        titleRoles = titleRoles == null || titleRoles.isEmpty() ? DEFAULT_TITLE_ROLES : List.copyOf(titleRoles);
        defaultRole = defaultRole == null || defaultRole.isBlank() ? StaffRole.ENGINEER.name() : defaultRole.trim();
        departmentRegions = departmentRegions == null ? List.of() : List.copyOf(departmentRegions);
        String role = defaultRole;
        if (!"NONE".equals(role) && Arrays.stream(StaffRole.values()).noneMatch(r -> r.name().equals(role))) {
            throw new IllegalArgumentException("hub.staff.sync.default-role must be one of "
                    + Arrays.toString(StaffRole.values()) + " or NONE (was '" + role + "')");
        }
    }

    /** The role of a member nothing else gives one, or null for none. */
    public StaffRole fallbackRole() {
        return "NONE".equals(defaultRole) ? null : StaffRole.valueOf(defaultRole);
    }
}
