package org.aftersaleshub.console;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.stock.StockReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * 备件库存: the stock of the dashboard's top parts, each in the warehouse most of it came from in the period, read
 * through {@link StockReader} (the ERP instance that books the warehouse, with its short cache). A part whose
 * warehouse has no stock source, or whose ERP does not answer, is shown as unknown (未知) — the page never fails
 * for it.
 */
@Component
class PartStockStates {

    private static final Logger log = LoggerFactory.getLogger(PartStockStates.class);

    /** @param available null when the stock is unknown */
    record Row(String sku, double quantityUsed, String warehouse, BigDecimal available, BigDecimal onHand) {
        public boolean known() {
            return available != null;
        }
    }

    private final JdbcTemplate jdbc;
    private final StockReader stock;
    private final KpiService kpis;

    PartStockStates(JdbcTemplate jdbc, StockReader stock, KpiService kpis) {
        this.jdbc = jdbc;
        this.stock = stock;
        this.kpis = kpis;
    }

    /** The top parts of the period from {@code from} to {@code to} (days, inclusive), with their stock. */
    List<Row> rows(LocalDate from, LocalDate to, List<Kpis.PartUse> topParts) {
        if (topParts.isEmpty()) {
            return List.of();
        }
        Map<String, String> warehouses = mainWarehouses(from, to, topParts);
        List<Row> rows = new ArrayList<>();
        for (Kpis.PartUse p : topParts) {
            String warehouse = warehouses.get(p.sku());
            BigDecimal available = null;
            BigDecimal onHand = null;
            if (warehouse != null && stock.sourceFor(warehouse).isPresent()) {
                try {
                    StockReader.Answer a = stock.read(p.sku(), warehouse);
                    available = a.level().available();
                    onHand = a.level().quantity();
                } catch (RuntimeException e) {
                    // the ERP is slow or down: the dashboard says unknown; the connector's own state shows why
                    log.debug("Stock of {} in {} unknown: {}", p.sku(), warehouse, e.toString());
                }
            }
            rows.add(new Row(p.sku(), p.quantity(), warehouse, available, onHand));
        }
        return rows;
    }

    /** Per part, the warehouse the largest quantity came from in the period (ties: the first by name). */
    private Map<String, String> mainWarehouses(LocalDate from, LocalDate to, List<Kpis.PartUse> topParts) {
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(KpiService.startOf(from, kpis.zone())),
                Timestamp.from(KpiService.startOf(to.plusDays(1), kpis.zone()))));
        List<String> skus = topParts.stream().map(Kpis.PartUse::sku).toList();
        args.addAll(skus);
        Map<String, String> main = new HashMap<>();
        Map<String, Double> most = new HashMap<>();
        jdbc.query("select u.part_sku, u.warehouse, sum(u.quantity) from part_usage u"
                        + " where u.recorded_at >= ? and u.recorded_at < ? and u.part_sku in ("
                        + String.join(", ", Collections.nCopies(skus.size(), "?")) + ")"
                        + " group by u.part_sku, u.warehouse order by 1, 2",
                rs -> {
                    double q = rs.getDouble(3);
                    if (q > most.getOrDefault(rs.getString(1), Double.NEGATIVE_INFINITY)) {
                        most.put(rs.getString(1), q);
                        main.put(rs.getString(1), rs.getString(2));
                    }
                }, args.toArray());
        return main;
    }
}
