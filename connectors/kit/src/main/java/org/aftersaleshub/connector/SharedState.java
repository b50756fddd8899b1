package org.aftersaleshub.connector;

import java.util.Objects;
import java.util.function.Supplier;
import org.aftersaleshub.connector.auth.InMemoryTokenStore;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.auth.TokenStore;
import org.aftersaleshub.connector.ratelimit.BudgetStore;
import org.aftersaleshub.connector.ratelimit.InMemoryBudgetStore;
import org.aftersaleshub.connector.ratelimit.InMemoryQuotaStore;
import org.aftersaleshub.connector.ratelimit.QuotaCounter;
import org.aftersaleshub.connector.ratelimit.QuotaStore;
import org.aftersaleshub.connector.ratelimit.RateBudgets;

/**
 * What a connector instance shares with the same instance in every other hub process: its rate budgets
 * ({@link BudgetStore}), its access tokens ({@link TokenStore}) and its quota counts ({@link QuotaStore}). The hub
 * provides stores in its database, so several hub instances never send more than a platform allows together and
 * refresh one token per app at a time; without the hub, each budget, cache and counter keeps its state in memory.
 *
 * <p><b>How a connector gets it — without code of its own.</b> Whoever starts a connector instance binds the
 * deployment's state to the starting thread for the duration of {@link HubConnector#start}
 * ({@link org.aftersaleshub.connector.camel.ConnectorInstances#start} does, with the state the hub gives it).
 * {@link RateBudgets}, {@link TokenCache} and {@link QuotaCounter} built during the start take their store from
 * {@link #current()}. So a connector builds them while it starts (in {@code open}), not lazily on a first call —
 * one built later, on another thread, would get a private in-memory store.
 */
public final class SharedState {

    private static final ThreadLocal<SharedState> BOUND = new ThreadLocal<>();

    private final BudgetStore budgets;
    private final TokenStore tokens;
    private final QuotaStore quotas;
    private final String instance;
    private final boolean shared;

    /** The deployment's stores, shared with other processes (the hub's). */
    public SharedState(BudgetStore budgets, TokenStore tokens, QuotaStore quotas) {
        this(budgets, tokens, quotas, "", true);
    }

    private SharedState(BudgetStore budgets, TokenStore tokens, QuotaStore quotas, String instance, boolean shared) {
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.instance = instance;
        this.shared = shared;
    }

    /** Fresh stores in this process's memory, shared with nobody. */
    public static SharedState inMemory() {
        return new SharedState(new InMemoryBudgetStore(), new InMemoryTokenStore(), new InMemoryQuotaStore(), "",
                false);
    }

    /**
     * The state bound to this thread (a connector instance is starting), or else fresh in-memory stores — so a
     * budget or cache built outside a start keeps its state to itself, as a single process needs.
     */
    public static SharedState current() {
        SharedState bound = BOUND.get();
        return bound != null ? bound : inMemory();
    }

    /** The same stores, labelled with the connector instance that uses them (quota metrics are tagged with it). */
    public SharedState forInstance(String name) {
        return new SharedState(budgets, tokens, quotas, name == null ? "" : name, shared);
    }

    /** Runs {@code work} (a connector's start) with this state as {@link #current()} on this thread. */
    public <T> T bindDuring(Supplier<T> work) {
        SharedState before = BOUND.get();
        BOUND.set(this);
        try {
            return work.get();
        } finally {
            if (before == null) {
                BOUND.remove();
            } else {
                BOUND.set(before);
            }
        }
    }

    /** {@link #bindDuring(Supplier)} for work without a result. */
    public void runBound(Runnable work) {
        bindDuring(() -> {
            work.run();
            return null;
        });
    }

    public BudgetStore budgets() {
        return budgets;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public QuotaStore quotas() {
        return quotas;
    }

    /** The connector instance these stores are labelled with; empty when none. */
    public String instance() {
        return instance;
    }

    /** True for stores other processes share (the hub's database), false for {@link #inMemory()}. */
    public boolean shared() {
        return shared;
    }

    @Override
    public String toString() {
        return "SharedState[" + (shared ? "shared" : "in memory") + (instance.isEmpty() ? "" : ", " + instance)
                + ", budgets=" + budgets.getClass().getSimpleName() + ", tokens=" + tokens.getClass().getSimpleName()
                + ", quotas=" + quotas.getClass().getSimpleName() + "]";
    }
}
