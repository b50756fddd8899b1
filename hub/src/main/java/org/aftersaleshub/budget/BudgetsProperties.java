package org.aftersaleshub.budget;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where connector budgets, tokens and quota counts live, and when a quota counts as nearly used
 * ({@code hub.budgets.*}).
 *
 * @param store               {@code database} (default): shared by every hub instance on the hub's database;
 *                            {@code memory}: this process only — right for one instance, wrong for several
 * @param tokenKey            secret; seals access tokens in the database (AES-GCM). Empty: stored unsealed (the hub
 *                            warns at start on PostgreSQL). Every instance needs the same value
 * @param tokenLease          how long one instance may take to fetch a token before another may take over
 *                            (default 30s; longer than a token call's timeout)
 * @param tokenWait           how long a call waits for another instance's token refresh before it fails, retryably
 *                            (default 10s)
 * @param quotaNear           share of a quota from which health and log say it is nearly used (default 0.8)
 * @param quotaExhausted      share of a quota from which it counts as used up (default 1.0)
 * @param quotaSampleInterval how often the quota counts are read for metrics and health (default 30s)
 */
@ConfigurationProperties("hub.budgets")
public record BudgetsProperties(Store store, String tokenKey, Duration tokenLease, Duration tokenWait, Double quotaNear,
                                Double quotaExhausted, Duration quotaSampleInterval) {

    /** Where the state lives. */
    public enum Store {
        DATABASE, MEMORY
    }

    public BudgetsProperties {
        store = store == null ? Store.DATABASE : store;
        tokenKey = tokenKey == null ? "" : tokenKey;
        tokenLease = positive(tokenLease, Duration.ofSeconds(30));
        tokenWait = positive(tokenWait, Duration.ofSeconds(10));
        quotaNear = quotaNear == null ? 0.8 : quotaNear;
        quotaExhausted = quotaExhausted == null ? 1.0 : quotaExhausted;
        quotaSampleInterval = positive(quotaSampleInterval, Duration.ofSeconds(30));
        if (quotaNear <= 0 || quotaExhausted <= 0 || quotaNear > quotaExhausted) {
            throw new IllegalArgumentException("hub.budgets.quota-near (" + quotaNear + ") and quota-exhausted ("
                    + quotaExhausted + ") are shares of a quota, 0 < near <= exhausted, e.g. 0.8 and 1.0");
        }
    }

    private static Duration positive(Duration d, Duration otherwise) {
        return d == null || d.isNegative() || d.isZero() ? otherwise : d;
    }

    @Override
    public String toString() {
        return "BudgetsProperties[store=" + store + ", tokenKey=" + (tokenKey.isEmpty() ? "(none)" : "****")
                + ", tokenLease=" + tokenLease + ", tokenWait=" + tokenWait + ", quotaNear=" + quotaNear
                + ", quotaExhausted=" + quotaExhausted + ", quotaSampleInterval=" + quotaSampleInterval + "]";
    }
}
