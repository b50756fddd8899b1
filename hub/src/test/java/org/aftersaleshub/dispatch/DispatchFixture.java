package org.aftersaleshub.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRepository;
import org.aftersaleshub.staff.StaffRole;
import org.aftersaleshub.staff.StaffSource;

/** The dispatch tests' rule file (the seed scenario plus a skill rule and the fallback) and staff. */
final class DispatchFixture {

    static final String RULES = """
            rules:
              - name: 硬件维修
                match:
                  faultType: 硬件维修
                choose:
                  team: 硬件组
                  region: ticket
              - name: 软件咨询
                match:
                  faultType: 软件咨询
                choose:
                  team: 软件组
              - name: 网络-华北
                match:
                  faultType: 网络故障
                  region: 华北
                choose:
                  skills: [网络]
                  region: any
            fallback:
              queue: 待分派
              notify: region-supervisors
            """;

    private DispatchFixture() {
    }

    /** A rules folder holding {@link #RULES} as dispatch.yaml. */
    static Path rulesDir() {
        try {
            Path dir = Files.createTempDirectory("dispatch-rules");
            Files.writeString(dir.resolve("dispatch.yaml"), RULES);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Engineers with fixed ids (the round robin goes by id), and the 西南 supervisor who hears about the fallback. */
    static void staff(StaffRepository staff) {
        engineer(staff, "hw-east", "华东", "硬件组", List.of("硬件"));
        engineer(staff, "hw-south", "华南", "硬件组", List.of("硬件"));
        engineer(staff, "sw-east", "华东", "软件组", List.of("软件"));
        engineer(staff, "net-a", "西北", "网络组", List.of("网络"));
        engineer(staff, "net-b", "西北", "网络组", List.of("网络", "硬件"));
        engineer(staff, "net-c", "西北", "网络组", List.of("网络"));
        Instant now = Instant.now();
        staff.insert(new Staff("sup-southwest", null, "西南主管", null, "西南", "西南区", List.of(),
                List.of(StaffRole.SUPERVISOR), null, "ding_user_001", null, PreferredChannel.DINGTALK, true,
                StaffSource.API, now, now, null, 1));
    }

    private static void engineer(StaffRepository staff, String id, String region, String team, List<String> skills) {
        Instant now = Instant.now();
        staff.insert(new Staff(id, null, id, null, region, team, skills, List.of(StaffRole.ENGINEER), null, null,
                null, PreferredChannel.NONE, true, StaffSource.API, now, now, null, 1));
    }
}
