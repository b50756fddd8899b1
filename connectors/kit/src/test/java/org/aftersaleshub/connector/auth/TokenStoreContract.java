package org.aftersaleshub.connector.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} guarantees, run against each implementation through {@link TokenCache}, as
 * connectors use it: {@link #tokenStore(int)} is the store as hub instance 1 or 2 sees it (see
 * {@code BudgetStoreContract}); each instance has its own cache on its store.
 */
public interface TokenStoreContract {

    TokenStore tokenStore(int instance);

    private static TokenCache.Key freshKey() {
        return new TokenCache.Key("contract", "corp", UUID.randomUUID().toString());
    }

    private TokenCache<String> cache(int instance) {
        return new TokenCache<>(tokenStore(instance), Clock.systemUTC(), Duration.ofSeconds(30));
    }

    private static TokenCache.Token<String> token(String value) {
        return new TokenCache.Token<>(value, Instant.now().plus(Duration.ofHours(2)));
    }

    @Test
    default void fiftyCallersOnTwoInstancesRightAfterExpiryFetchOnce() throws Exception {
        TokenCache.Key key = freshKey();
        tokenStore(1).put(key, new TokenCache.Token<>("expired", Instant.now().minusSeconds(1)));
        List<TokenCache<String>> caches = List.of(cache(1), cache(2));
        AtomicInteger fetches = new AtomicInteger();
        AtomicInteger asking = new AtomicInteger();
        TokenCache.Fetcher<String> fetcher = () -> {
            fetches.incrementAndGet();
            // the token endpoint answers only once every caller has asked, so all 50 overlap with the fetch
            await().atMost(Duration.ofSeconds(20)).until(() -> asking.get() == 50);
            return token("fresh");
        };
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> got = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                TokenCache<String> cache = caches.get(i % 2);
                got.add(pool.submit(() -> {
                    start.await();
                    asking.incrementAndGet();
                    return cache.get(key, fetcher);
                }));
            }
            start.countDown();
            for (Future<String> f : got) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo("fresh");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches).as("token fetches for 50 callers on two instances").hasValue(1);
        assertThat(caches.get(0).refreshCount(key) + caches.get(1).refreshCount(key)).isEqualTo(1);
    }

    @Test
    default void aTokenRefusedEarlyIsFetchedOnceMoreForBothInstances() throws Exception {
        TokenCache.Key key = freshKey();
        AtomicInteger fetches = new AtomicInteger();
        TokenCache.Fetcher<String> fetcher = () -> token("t" + fetches.incrementAndGet());
        TokenCache<String> one = cache(1);
        TokenCache<String> two = cache(2);
        assertThat(one.get(key, fetcher)).isEqualTo("t1");
        assertThat(two.get(key, fetcher)).as("instance 2 reads instance 1's token").isEqualTo("t1");
        // the platform refuses t1 before its expiry: instance 1 notices first and fetches t2 ...
        assertThat(one.invalidate(key, "t1")).isTrue();
        assertThat(one.get(key, fetcher)).isEqualTo("t2");
        // ... instance 2 then gets the same refusal for its copy of t1, drops it and finds t2 without a fetch
        two.invalidate(key, "t1");
        assertThat(two.get(key, fetcher)).isEqualTo("t2");
        assertThat(one.invalidate(key, "t1")).as("a stale refusal drops nothing").isFalse();
        assertThat(one.get(key, fetcher)).isEqualTo("t2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    default void callersWaitingForAFailedFetchFailTooAndTheNextCallFetchesAgain() throws Exception {
        TokenCache.Key key = freshKey();
        AtomicInteger fetches = new AtomicInteger();
        AtomicInteger fetching = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicBoolean waiterIn = new AtomicBoolean();
        CountDownLatch failing = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> cache(1).get(key, () -> {
                fetches.incrementAndGet();
                mostAtOnce.accumulateAndGet(fetching.incrementAndGet(), Math::max);
                try {
                    failing.countDown();
                    await().atMost(Duration.ofSeconds(10)).untilTrue(waiterIn);
                    // a slow refusal: the waiter reaches the store while this fetch still runs
                    await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                    throw new IllegalStateException("token endpoint refused: bad secret");
                } finally {
                    fetching.decrementAndGet();
                }
            }));
            assertThat(failing.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> waiter = pool.submit(() -> {
                waiterIn.set(true);
                return cache(2).get(key, () -> {
                    fetches.incrementAndGet();
                    mostAtOnce.accumulateAndGet(fetching.incrementAndGet(), Math::max);
                    fetching.decrementAndGet();
                    return token("second");
                });
            });
            assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasRootCauseMessage(
                    "token endpoint refused: bad secret");
            // the waiter shares the failure, or (a database store whose waiter missed it) fetches after it ended
            try {
                assertThat(waiter.get(30, TimeUnit.SECONDS)).isEqualTo("second");
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(TokenCache.TokenFetchException.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mostAtOnce).as("fetches running at the same time").hasValue(1);
        String next = cache(2).get(key, () -> token("after"));
        assertThat(next).isIn("second", "after");
        assertThat(fetches.get()).isBetween(1, 2);
    }

    @Test
    default void aTokenPutByOneInstanceIsReadByTheOther() {
        TokenCache.Key key = freshKey();
        cache(1).put(key, token("session-from-a-reply"));
        assertThat(cache(2).get(key, () -> {
            throw new AssertionError("no fetch: the stored session is fresh");
        })).isEqualTo("session-from-a-reply");
        assertThat(tokenStore(2).read(key).token().value()).isEqualTo("session-from-a-reply");
        assertThat(tokenStore(2).read(freshKey())).isEqualTo(TokenStore.Entry.NONE);
    }
}
