/**
 * Rate budgets, access tokens and quota counts shared by every hub instance on the same database: the
 * {@link org.aftersaleshub.connector.SharedState} the connectors' {@code RateBudgets}, {@code TokenCache} and
 * {@code QuotaCounter} use once the hub starts them ({@link org.aftersaleshub.budget.BudgetsConfiguration}), the
 * quota metrics ({@code hub_quota_used}, {@code hub_quota_limit}) and the {@code quotas} health. Tables: Flyway V7.
 */
package org.aftersaleshub.budget;
