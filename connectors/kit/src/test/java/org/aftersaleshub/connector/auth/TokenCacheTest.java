package org.aftersaleshub.connector.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersaleshub.connector.auth.TokenCache.Fetcher;
import org.aftersaleshub.connector.auth.TokenCache.Key;
import org.aftersaleshub.connector.auth.TokenCache.Token;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    static final TokenCache.Key KEY = new TokenCache.Key("kingdee", "acct", "app");

    /** A clock a test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void concurrentCallersWaitForOneRefresh() throws Exception {
        TokenCache<String> cache = new TokenCache<>(Clock.systemUTC(), Duration.ofSeconds(10));
        AtomicInteger fetches = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> cache.get(KEY, () -> {
                    fetches.incrementAndGet();
                    release.await(5, TimeUnit.SECONDS);
                    return new TokenCache.Token<>("t1", Instant.now().plusSeconds(3600));
                })));
            }
            release.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("t1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches).hasValue(1);
        assertThat(cache.refreshCount(KEY)).isEqualTo(1);
    }

    @Test
    void refreshesEarlyAndKeepsTheOldTokenWhileValid() {
        ManualClock clock = new ManualClock();
        TokenCache<String> cache = new TokenCache<>(clock, Duration.ofMinutes(5));
        AtomicInteger n = new AtomicInteger();
        TokenCache.Fetcher<String> fetcher = () -> new TokenCache.Token<>("t" + n.incrementAndGet(),
                clock.instant().plus(Duration.ofMinutes(60)));
        assertThat(cache.get(KEY, fetcher)).isEqualTo("t1");
        clock.now = clock.now.plus(Duration.ofMinutes(50));
        assertThat(cache.get(KEY, fetcher)).isEqualTo("t1");
        clock.now = clock.now.plus(Duration.ofMinutes(6)); // inside the 5-minute early window
        assertThat(cache.get(KEY, fetcher)).isEqualTo("t2");
        assertThat(cache.get(KEY, fetcher)).isEqualTo("t2");
    }

    @Test
    void invalidateDropsOnlyTheRejectedToken() {
        TokenCache<String> cache = new TokenCache<>(Clock.systemUTC(), Duration.ZERO);
        AtomicInteger n = new AtomicInteger();
        TokenCache.Fetcher<String> fetcher = () -> new TokenCache.Token<>("t" + n.incrementAndGet(), Instant.MAX);
        assertThat(cache.get(KEY, fetcher)).isEqualTo("t1");
        assertThat(cache.invalidate(KEY, "t0")).isFalse();
        assertThat(cache.get(KEY, fetcher)).isEqualTo("t1");
        assertThat(cache.invalidate(KEY, "t1")).isTrue();
        assertThat(cache.get(KEY, fetcher)).isEqualTo("t2");
    }

    @Test
    void aFailedFetchReachesEveryCallerAndTheNextCallTriesAgain() {
        TokenCache<String> cache = new TokenCache<>(Clock.systemUTC(), Duration.ZERO);
        assertThatThrownBy(() -> cache.get(KEY, () -> {
            throw new IllegalStateException("login refused");
        })).isInstanceOf(TokenCache.TokenFetchException.class).hasMessageContaining("login refused");
        assertThat(cache.get(KEY, () -> new TokenCache.Token<>("ok", Instant.MAX))).isEqualTo("ok");
    }

    @Test
    void aRefusedTokenIsNeverTakenBackFromAStoreThatStillHoldsIt() {
        InMemoryTokenStore backing = new InMemoryTokenStore();
        // a store whose invalidation lags behind (another instance's, not yet written)
        TokenStore lagging = new TokenStore() {
            @Override
            public Entry read(Key key) {
                return backing.read(key);
            }

            @Override
            public Entry refresh(Key key, long seen, Fetcher<String> fetcher, boolean waitForOthers)
                    throws Exception {
                return backing.refresh(key, seen, fetcher, waitForOthers);
            }

            @Override
            public void put(Key key, Token<String> token) {
                backing.put(key, token);
            }

            @Override
            public boolean invalidate(Key key, String rejected) {
                return false;
            }
        };
        TokenCache<String> cache = new TokenCache<>(lagging, Clock.systemUTC(), Duration.ZERO);
        AtomicInteger n = new AtomicInteger();
        TokenCache.Fetcher<String> fetcher = () -> new TokenCache.Token<>("t" + n.incrementAndGet(), Instant.MAX);
        assertThat(cache.get(KEY, fetcher)).isEqualTo("t1");
        assertThat(cache.invalidate(KEY, "t1")).isTrue();
        assertThat(cache.get(KEY, fetcher)).as("the store still says t1").isEqualTo("t2");
        assertThat(cache.get(KEY, fetcher)).isEqualTo("t2");
    }
}
