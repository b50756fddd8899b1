package org.aftersaleshub.connector.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.dingtalk.DingTalkDirectory.Department;
import org.aftersaleshub.connector.dingtalk.DingTalkDirectory.User;
import org.aftersaleshub.connector.dingtalk.WorkNoticeResult.Status;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Token single-flight under parallel sends, contacts paging and work-notice outcomes per person, against the
 * DingTalk mock.
 */
class DingTalkConnectorTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    private DingTalkFixture fixture;
    private DingTalkConnector connector;

    @BeforeEach
    void start() {
        fixture = new DingTalkFixture(mocks.get(DingTalkMock.class));
        // 50 calls at once must not meet the mock's 20/s limit: only token calls are counted here
        fixture.mock().settings().qpsPerAppAndApi = 1_000;
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.stop();
        }
    }

    private DingTalkConnector started(String tokenStyle) {
        return started(tokenStyle, Map.of());
    }

    private DingTalkConnector started(String tokenStyle, Map<String, String> extra) {
        Map<String, String> c = fixture.config();
        c.put("dingtalk.token-style", tokenStyle);
        c.putAll(extra);
        connector = new DingTalkConnector();
        connector.start(c);
        return connector;
    }

    private long okTokenCalls(String style) {
        return fixture.tokenCalls().stream().filter(t -> style.equals(t.get("style")) && "ok".equals(t.get("outcome")))
                .count();
    }

    /**
     * Issue 12's single-flight guarantee as the hub meets it: 50 work notices sent in parallel right after the token
     * expired (a burst of assignments) make exactly one token call at the mock, and every notice arrives once.
     */
    @ParameterizedTest
    @ValueSource(strings = {"LEGACY", "OAUTH2"})
    void fiftyParallelSendsAfterExpiryMakeExactlyOneTokenCall(String tokenStyle) throws Exception {
        // 50 sends at once on a shared 2-core machine: the fixture's 1 s timeout would turn a slow answer into a
        // retried token call or a send of unknown outcome, which is not what this test is about
        DingTalkConnector c = started(tokenStyle, Map.of("dingtalk.timeout-ms", "20000"));
        String mockStyle = tokenStyle.equals("LEGACY") ? "legacy" : "new";
        c.usersOf(3);
        assertThat(okTokenCalls(mockStyle)).isEqualTo(1);
        fixture.expireTokens();

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<String> recipients = IntStream.rangeClosed(1, 10).mapToObj(n -> String.format("ding_user_%03d", n))
                .toList();
        String run = tokenStyle + "-" + System.nanoTime();
        try {
            List<Future<WorkNoticeResult>> sends = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String text = "工单 SF-" + run + "-" + i + " 已派给您";
                WorkNotice notice = new WorkNotice("SF-" + run + "-" + i, List.of(recipients.get(i % 10)),
                        WorkNotice.Type.TEXT, null, text);
                Callable<WorkNoticeResult> send = () -> {
                    go.await();
                    return c.sendWorkNotice(notice);
                };
                sends.add(pool.submit(send));
            }
            go.countDown();
            for (Future<WorkNoticeResult> f : sends) {
                assertThat(f.get(30, TimeUnit.SECONDS).recipients()).extracting(WorkNoticeResult.Recipient::status)
                        .containsExactly(Status.DELIVERED);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 50; i++) {
            assertThat(fixture.noticesTo(recipients.get(i % 10), "SF-" + run + "-" + i + " ")).as("notice %d", i)
                    .isEqualTo(1);
        }
        assertThat(okTokenCalls(mockStyle)).as("token calls at the mock after expiry").isEqualTo(2);
        assertThat(fixture.tokenCalls()).as("no token call of the other style").allMatch(t ->
                mockStyle.equals(t.get("style")));
        assertThat(c.tokenRefreshes()).isEqualTo(2);
    }

    @Test
    void departmentsComeWithTheirManagersFromTheRootDown() {
        List<Department> depts = started("LEGACY").departments();
        assertThat(depts).extracting(Department::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(depts.get(0).parentId()).isZero();
        Department service = depts.get(1);
        assertThat(service.name()).isEqualTo("售后服务部");
        assertThat(service.parentId()).isEqualTo(1);
        assertThat(service.leaderUserIds()).containsExactly("ding_user_013");
        assertThat(depts.get(2).leaderUserIds()).containsExactly("ding_user_001");
    }

    @Test
    void usersArePagedToTheEndAndCarryTheirFields() {
        int extra = 230; // three pages of at most 100 in one department
        for (int i = 0; i < extra; i++) {
            fixture.admin("directory/users", "{\"userid\":\"bulk_" + i + "\",\"name\":\"工程师" + i
                    + "\",\"title\":\"工程师\",\"mobile\":\"1390000" + String.format("%04d", i)
                    + "\",\"departments\":[4]}");
        }
        DingTalkConnector c = started("LEGACY");
        long before = fixture.mock().requests().count("topapi/v2/user/list");
        List<User> south = c.usersOf(4);
        assertThat(fixture.mock().requests().count("topapi/v2/user/list") - before).isEqualTo(3);
        assertThat(south).hasSize(extra + 4);
        assertThat(south).extracting(User::userId).doesNotHaveDuplicates()
                .contains("bulk_0", "bulk_229", "ding_user_002");
        User lead = south.stream().filter(u -> u.userId().equals("ding_user_002")).findFirst().orElseThrow();
        assertThat(lead.name()).isEqualTo("李娜");
        assertThat(lead.title()).isEqualTo("主管");
        assertThat(lead.mobile()).isEqualTo("13800000002");
        assertThat(lead.departmentIds()).containsExactly(4L);
        assertThat(lead.active()).isTrue();
        assertThat(lead.leaderOf()).containsExactly(4L);
        assertThat(south.stream().filter(u -> u.userId().equals("bulk_7")).findFirst().orElseThrow().isLeader())
                .isFalse();

        List<User> everyone = c.users();
        assertThat(everyone).extracting(User::userId).doesNotHaveDuplicates().contains("ding_user_013",
                "bulk_229");
        assertThat(everyone).hasSize(extra + 13);
    }

    @Test
    void aMemberWithoutTheMobilePermissionComesWithoutMobile() {
        fixture.mock().settings().contactsMobileGranted = false;
        assertThat(started("LEGACY").usersOf(3)).isNotEmpty().allMatch(u -> u.mobile() == null);
    }

    @Test
    void anInvalidRecipientIsReportedByNameAndTheOthersReceiveOnce() {
        DingTalkConnector c = started("LEGACY");
        WorkNoticeResult r = c.sendWorkNotice(new WorkNotice("N-1", List.of("ding_user_007", "ghost_user",
                "ding_user_010"), WorkNotice.Type.TEXT, null, "工单 TK-1 已派给您 N-1"));
        assertThat(r.taskId()).isPositive();
        assertThat(r.recipients()).extracting(WorkNoticeResult.Recipient::userId, WorkNoticeResult.Recipient::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ding_user_007", Status.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("ghost_user", Status.INVALID_USER),
                        org.assertj.core.groups.Tuple.tuple("ding_user_010", Status.DELIVERED));
        assertThat(r.notReached()).extracting(WorkNoticeResult.Recipient::userId).containsExactly("ghost_user");
        assertThat(fixture.noticesTo("ding_user_007", "TK-1")).isEqualTo(1);
        assertThat(fixture.noticesTo("ding_user_010", "TK-1")).isEqualTo(1);
    }

    @Test
    void aRecipientOverTheDailyCapIsForbiddenWithTheCode() {
        fixture.mock().settings().workNoticeDailyCapPerUser = 1;
        DingTalkConnector c = started("LEGACY");
        c.sendWorkNotice(new WorkNotice("N-2", List.of("ding_user_008"), WorkNotice.Type.TEXT, null, "第一条"));
        WorkNoticeResult r = c.sendWorkNotice(new WorkNotice("N-3", List.of("ding_user_008"), WorkNotice.Type.TEXT,
                null, "第二条"));
        assertThat(r.recipients()).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(Status.FORBIDDEN);
            assertThat(x.code()).isEqualTo("143105");
        });
        assertThat(r.anyReached()).isFalse();
    }

    @Test
    void aNoticeDingTalkWouldRefuseIsRefusedBeforeAnyCall() {
        DingTalkConnector c = started("LEGACY");
        long before = fixture.mock().requests().total();
        assertThatThrownBy(() -> c.sendWorkNotice(new WorkNotice("N-4", List.of("a,b"), WorkNotice.Type.TEXT, null,
                "x"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("userId");
        assertThatThrownBy(() -> c.sendWorkNotice(new WorkNotice("N-5", IntStream.range(0, 101)
                .mapToObj(i -> "u" + i).toList(), WorkNotice.Type.TEXT, null, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userIds");
        assertThatThrownBy(() -> c.sendWorkNotice(new WorkNotice("N-6", List.of("ding_user_007"),
                WorkNotice.Type.MARKDOWN, null, "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("title");
        assertThat(fixture.mock().requests().total()).isEqualTo(before);
    }
}
