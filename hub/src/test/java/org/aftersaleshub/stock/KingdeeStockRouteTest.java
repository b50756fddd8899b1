package org.aftersaleshub.stock;

import org.aftersaleshub.testsupport.ErpUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ErpStockRouteContract} with Kingdee K/3 Cloud (its mock) as the ERP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KingdeeStockRouteTest extends ErpStockRouteContract {

    static final ErpUnderTest.StartedMock kingdee = ErpUnderTest.KINGDEE.start();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        hubBookingIn(r, kingdee);
    }

    @AfterAll
    static void stop() {
        kingdee.close();
    }

    @Override
    protected ErpUnderTest.StartedMock erp() {
        return kingdee;
    }
}
