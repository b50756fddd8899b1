package org.aftersaleshub.stock;

import org.aftersaleshub.testsupport.ErpUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ErpStockRouteContract} with Yonyou YonBIP (its mock) as the ERP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class YonBipStockRouteTest extends ErpStockRouteContract {

    static final ErpUnderTest.StartedMock yonbip = ErpUnderTest.YONBIP.start();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        hubBookingIn(r, yonbip);
    }

    @AfterAll
    static void stop() {
        yonbip.close();
    }

    @Override
    protected ErpUnderTest.StartedMock erp() {
        return yonbip;
    }
}
