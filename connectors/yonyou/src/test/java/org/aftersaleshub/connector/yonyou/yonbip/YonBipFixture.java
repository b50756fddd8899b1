package org.aftersaleshub.connector.yonyou.yonbip;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.RequestLog;
import org.aftersaleshub.mock.yonbip.YonBipConfig;
import org.aftersaleshub.mock.yonbip.YonBipMock;

/**
 * Yonyou YonBIP as the conformance kit and the hub's route tests meet it: an other-outbound document
 * ({@code othoutrecord/single/save}) keyed by {@code resubmitCheckKey} and marked with the usage id in
 * {@code out_sys_id}, booked once {@code batchaudit} moved the stock. The gateway is discovered through the mock; a
 * rejected token is renewed within the call. Returns are refused (the spec has no other-inbound API).
 */
public class YonBipFixture extends StockConnectorFixture {

    /** The mock's FaultPlan names of the save and the audit. */
    static final String SAVE_OP = "scm/othoutrecord/single/save";
    static final String AUDIT_OP = "scm/othoutrecord/batchaudit";

    @Override
    public String type() {
        return YonBipConnector.NAME;
    }

    @Override
    public HubConnector newConnector() {
        return new YonBipConnector();
    }

    @Override
    protected String mockName() {
        return "yonbip";
    }

    @Override
    protected String codeField() {
        return "yonbipCode";
    }

    @Override
    public String writeOperation() {
        return SAVE_OP;
    }

    @Override
    public String bookingOperation() {
        return AUDIT_OP;
    }

    @Override
    public String shortageMessage() {
        return "现存量不足";
    }

    @Override
    public boolean booksReturns() {
        return false;
    }

    @Override
    protected Map<String, String> ownKeys(HttpMock mock, long timeoutMs, UnaryOperator<String> hubWarehouse) {
        YonBipConfig c = yonbip(mock).config();
        Map<String, String> k = new LinkedHashMap<>();
        k.put("yonbip.tenant-id", c.getTenantId());
        k.put("yonbip.discovery-url", mock.baseUrl() + "/");
        k.put("yonbip.app-key", c.getAppKey());
        k.put("yonbip.app-secret", c.getAppSecret());
        k.put("yonbip.org", "ORG001"); // the stock organisation the mock reports on its stock rows
        k.put("yonbip.warehouse-codes", codeMap(WAREHOUSES, "code", hubWarehouse));
        k.put("yonbip.product-codes", codeMap(PARTS, "sku", UnaryOperator.identity()));
        return k;
    }

    @Override
    protected BigDecimal stockIn(HttpMock mock, String partCode, String warehouseCode) {
        return yonbip(mock).stock(partCode, warehouseCode);
    }

    @Override
    protected void setStockIn(HttpMock mock, String partCode, String warehouseCode, BigDecimal qty) {
        yonbip(mock).setStock(partCode, warehouseCode, qty);
    }

    @Override
    protected List<ErpDocument> everyDocumentIn(HttpMock mock) {
        List<ErpDocument> out = new ArrayList<>();
        for (Map<String, Object> d : documentMaps(mock)) {
            Map<String, Object> line = onlyLine(d.get("othOutRecords"));
            // the connector writes the usage id into out_sys_id, the save's own trace field
            out.add(new ErpDocument("othoutrecord " + d.get("code"), text(d.get("out_sys_id")),
                    text(d.get("code")), text(line.get("product_code")), text(d.get("warehouse_code")),
                    decimal(line.get("qty")), Boolean.TRUE.equals(d.get("audited"))));
        }
        return out;
    }

    @Override
    protected long outboundCountIn(HttpMock mock) {
        return yonbip(mock).documentCount();
    }

    @Override
    protected void expireIn(HttpMock mock) {
        yonbip(mock).expireAllTokens();
    }

    @Override
    protected int liveIn(HttpMock mock) {
        return yonbip(mock).liveTokenCount();
    }

    /**
     * The mock's count of {@code getAccessToken} requests it handled. With the fixture's own (valid) app key and
     * signature every one of them issued a token; a refused token request would count too.
     */
    @Override
    protected long issuedIn(HttpMock mock) {
        return yonbip(mock).tokenCalls();
    }

    /** The product and warehouse archive reads ({@code digitalModel/product|warehouse/list|detail}). */
    @Override
    protected boolean isMasterDataQuery(RequestLog.Call call) {
        return call.operation().startsWith("digitalModel/product/")
                || call.operation().startsWith("digitalModel/warehouse/");
    }

    /** The access token, and the gateway address discovery before it. */
    @Override
    protected boolean isCredentialCall(RequestLog.Call call) {
        return call.operation().equals("getAccessToken") || call.operation().endsWith("getGatewayAddress");
    }

    private static YonBipMock yonbip(HttpMock mock) {
        return (YonBipMock) mock;
    }
}
