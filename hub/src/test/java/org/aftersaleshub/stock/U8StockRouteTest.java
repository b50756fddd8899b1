package org.aftersaleshub.stock;

import org.aftersaleshub.testsupport.ErpUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ErpStockRouteContract} with Yonyou U8 (its mock) as the ERP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class U8StockRouteTest extends ErpStockRouteContract {

    static final ErpUnderTest.StartedMock u8 = ErpUnderTest.U8.start();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        hubBookingIn(r, u8);
    }

    @AfterAll
    static void stop() {
        u8.close();
    }

    @Override
    protected ErpUnderTest.StartedMock erp() {
        return u8;
    }
}
