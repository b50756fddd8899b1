package org.aftersaleshub.budget;

import javax.sql.DataSource;
import org.aftersaleshub.connector.SharedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deployment's {@link SharedState}: rate budgets, access tokens and quota counts in the hub's database
 * ({@link JdbcBudgetStore}, {@link JdbcTokenStore}, {@link JdbcQuotaStore}), so that every hub instance on it keeps
 * one platform limit, refreshes one token per app at a time and adds to one quota count. The connector instances
 * get it when they are started through {@code ConnectorInstances(SharedState)}; Camel finds it in the registry for
 * instances started from endpoint options.
 */
@Configuration(proxyBeanMethods = false)
public class BudgetsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BudgetsConfiguration.class);

    @Bean
    SharedState sharedState(DataSource dataSource, BudgetsProperties props) {
        if (props.store() == BudgetsProperties.Store.MEMORY) {
            log.warn("hub.budgets.store=memory: rate budgets, tokens and quota counts are this instance's alone; "
                    + "several hub instances would together exceed the platforms' limits");
            return SharedState.inMemory();
        }
        TokenCipher cipher = TokenCipher.of(props.tokenKey());
        if (!cipher.seals() && StoreSql.of(dataSource).postgres()) {
            log.warn("hub.budgets.token-key is empty: access tokens are stored unsealed in the database; set "
                    + "HUB_TOKEN_KEY (the same on every instance)");
        }
        return new SharedState(new JdbcBudgetStore(dataSource),
                new JdbcTokenStore(dataSource, cipher, props.tokenLease(), props.tokenWait()),
                new JdbcQuotaStore(dataSource));
    }
}
