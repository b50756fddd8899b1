package org.aftersaleshub.connector.yonyou.u8;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.yonyou.u8.connection.U8Client;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.RequestLog;
import org.aftersaleshub.mock.yonyou.U8Config;
import org.aftersaleshub.mock.yonyou.U8Mock;

/**
 * Yonyou U8 as the conformance kit and the hub's route tests meet it: an other-outbound voucher
 * ({@code otherout/add}, synchronous) keyed by {@code biz_id} = the part-usage id; U8 moves the stock when it adds
 * the voucher, so every voucher is booked and the write is also the booking. A rejected token is renewed within the
 * call. Returns are refused (the spec has no other-inbound add).
 */
public class U8Fixture extends StockConnectorFixture {

    private static final String OTHEROUT = "otherout";

    @Override
    public String type() {
        return U8Connector.NAME;
    }

    @Override
    public HubConnector newConnector() {
        return new U8Connector();
    }

    @Override
    protected String mockName() {
        return "u8";
    }

    @Override
    protected String codeField() {
        return "u8Code";
    }

    @Override
    public String writeOperation() {
        return U8Client.OTHEROUT_ADD;
    }

    @Override
    public String bookingOperation() {
        return U8Client.OTHEROUT_ADD;
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
        U8Config c = u8(mock).config();
        Map<String, String> k = new LinkedHashMap<>();
        k.put("u8.base-url", mock.baseUrl() + "/");
        k.put("u8.from-account", c.getFromAccount());
        k.put("u8.to-account", c.getToAccount());
        k.put("u8.app-key", c.getAppKey());
        k.put("u8.app-secret", c.getAppSecret());
        k.put("u8.receive-code", "21"); // 其他出库, any code the mock accepts
        k.put("u8.warehouse-codes", codeMap(WAREHOUSES, "code", hubWarehouse));
        k.put("u8.inventory-codes", codeMap(PARTS, "sku", UnaryOperator.identity()));
        return k;
    }

    @Override
    protected BigDecimal stockIn(HttpMock mock, String partCode, String warehouseCode) {
        return u8(mock).stock(partCode, warehouseCode);
    }

    @Override
    protected void setStockIn(HttpMock mock, String partCode, String warehouseCode, BigDecimal qty) {
        u8(mock).setStock(partCode, warehouseCode, qty);
    }

    @Override
    protected List<ErpDocument> everyDocumentIn(HttpMock mock) {
        List<ErpDocument> out = new ArrayList<>();
        for (Map<String, Object> d : documentMaps(mock)) {
            Map<String, Object> line = onlyLine(d.get("entries"));
            // the mock's state shows no memo of a voucher, so biz_id (the usage id itself) is key and mark;
            // a voucher exists only once U8 committed it, stock included (no separate audit step for stock)
            out.add(new ErpDocument(d.get("resource") + " " + d.get("id"),
                    OTHEROUT.equals(d.get("resource")) ? text(d.get("biz_id")) : null, text(d.get("id")),
                    text(line.get("inventorycode")), text(d.get("warehousecode")), decimal(line.get("quantity")),
                    true));
        }
        return out;
    }

    @Override
    protected long outboundCountIn(HttpMock mock) {
        return u8(mock).documentCount(OTHEROUT);
    }

    @Override
    protected void expireIn(HttpMock mock) {
        u8(mock).expireAllTokens();
    }

    @Override
    protected int liveIn(HttpMock mock) {
        return u8(mock).liveTokenCount();
    }

    /**
     * The mock's count of {@code /system/token} requests it handled. With the fixture's own (valid) credentials
     * every one of them issued a token; a token request with wrong credentials would count too.
     */
    @Override
    protected long issuedIn(HttpMock mock) {
        return u8(mock).tokenCalls();
    }

    /** The inventory and warehouse archive reads ({@code get}, {@code batch_get}). */
    @Override
    protected boolean isMasterDataQuery(RequestLog.Call call) {
        return call.operation().startsWith("inventory/") || call.operation().startsWith("warehouse/");
    }

    /** {@code /system/token}. */
    @Override
    protected boolean isCredentialCall(RequestLog.Call call) {
        return call.operation().equals("system/token");
    }

    private static U8Mock u8(HttpMock mock) {
        return (U8Mock) mock;
    }
}
