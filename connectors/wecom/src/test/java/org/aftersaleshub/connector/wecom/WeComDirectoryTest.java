package org.aftersaleshub.connector.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.wecom.WeComMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contacts reads of the staff sync (docs/vendor-apis/wecom.md §9) against the mock's demo org: departments with
 * leaders, member ids paged with user/list_id to the end, members detailed with the fields the app may see.
 */
class WeComDirectoryTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("wecom");

    private WeComMock mock;
    private WeComConnector connector;

    @BeforeEach
    void seed() {
        mock = mocks.get(WeComMock.class);
        WeComFixture.seedCanaryApp(mock);
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.stop();
        }
    }

    private WeComDirectory directory(String pageSize) {
        Map<String, String> keys = new java.util.LinkedHashMap<>(WeComFixture.keys(mock));
        keys.put("wecom.contacts-page-size", pageSize);
        connector = new WeComConnector();
        connector.start(keys);
        return connector.directory();
    }

    private long calls(String api) {
        return mock.requests().count(api);
    }

    @Test
    void departmentsComeWithTheirLeaders() {
        List<WeComDepartment> depts = directory("1000").departments();
        assertThat(depts).extracting(WeComDepartment::id).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        WeComDepartment east = depts.stream().filter(d -> d.id() == 3).findFirst().orElseThrow();
        assertThat(east.name()).isEqualTo("华东区");
        assertThat(east.parentId()).isEqualTo(2);
        assertThat(east.leaders()).containsExactly("WeComUser001");
    }

    @Test
    void memberIdsArePagedToTheEnd() {
        int members = mock.withDirectory(d -> d.allMembers().size());
        assertThat(members).isGreaterThan(6);

        List<String> ids = directory("3").memberIds();

        assertThat(ids).hasSize(members).doesNotHaveDuplicates().contains("WeComUser001", "WeComUser013");
        long rows = mock.withDirectory(d -> d.allMembers().stream().mapToLong(m -> m.departments().size()).sum());
        assertThat(calls("user/list_id")).as("pages of 3 rows").isEqualTo((rows + 2) / 3);
    }

    @Test
    void membersCarryPositionDepartmentsLeadershipAndStatusButNoMobileByDefault() {
        List<WeComMember> members = directory("4").members();

        assertThat(members).hasSize(mock.withDirectory(d -> d.allMembers().size()));
        WeComMember wang = members.stream().filter(m -> m.userId().equals("WeComUser001")).findFirst().orElseThrow();
        assertThat(wang.name()).isEqualTo("王强");
        assertThat(wang.position()).isEqualTo("主管");
        assertThat(wang.departments()).containsExactly(3L);
        assertThat(wang.leaderOf()).containsExactly(3L);
        assertThat(wang.status()).isEqualTo(WeComMember.Status.ACTIVE);
        assertThat(wang.mobile()).as("withheld from apps created since 2022 (docs/vendor-apis/wecom.md §9.4)")
                .isEmpty();
        WeComMember liu = members.stream().filter(m -> m.userId().equals("WeComUser004")).findFirst().orElseThrow();
        assertThat(liu.leaderOf()).isEmpty();
        assertThat(calls("user/get")).as("user/list answered: no per-member reads").isZero();
    }

    @Test
    void mobileIsReadWhenTheAppMaySeeIt() {
        mock.settings().contactsSensitiveFieldsReturned = true;
        WeComMember wang = directory("1000").member("WeComUser001").orElseThrow();
        assertThat(wang.mobile()).contains("13800000001");
    }

    @Test
    void aRefusedListCallFallsBackToOneReadPerMember() {
        mock.settings().contactsUserListRefusedErrcode = 48009; // docs/vendor-apis/wecom.md §9.4
        List<WeComMember> members = directory("1000").members();
        int count = mock.withDirectory(d -> d.allMembers().size());
        assertThat(members).hasSize(count);
        assertThat(calls("user/get")).isEqualTo(count);
    }

    @Test
    void anUnknownMemberIsEmptyAndAQuitMemberKeepsItsStatus() {
        WeComFixture.admin(mock, "directory/users", "{\"userid\":\"WeComTemp01\",\"name\":\"临时工\","
                + "\"departments\":[3],\"status\":2}");
        WeComDirectory dir = directory("1000");
        assertThat(dir.member("nobody-here")).isEmpty();
        assertThat(dir.member("WeComTemp01")).get().extracting(WeComMember::status)
                .isEqualTo(WeComMember.Status.DISABLED);
    }

}
