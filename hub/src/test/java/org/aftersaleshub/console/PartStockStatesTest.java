package org.aftersaleshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.aftersaleshub.model.Ticket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's top parts come with their stock in the warehouse most of each came from; a warehouse no ERP
 * answers for shows 未知 and the fragment still renders.
 */
class PartStockStatesTest extends ConsoleTestSupport {

    @Autowired
    PartStockStates states;
    @Autowired
    KpiService kpis;

    @Test
    void aPartWithoutAStockSourceIsUnknownAndThePageStillRenders() {
        String region = "库" + UUID.randomUUID().toString().substring(0, 8);
        Ticket t = ticket(region, "parts");
        usage(t, "SP-X", 1, "NO-SUCH-WH-A");
        usage(t, "SP-X", 5, "NO-SUCH-WH-B");
        LocalDate today = LocalDate.now(kpis.zone());

        List<PartStockStates.Row> rows = states.rows(today, today, kpis.topParts(today, today, region, null));

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.sku()).isEqualTo("SP-X");
            assertThat(r.quantityUsed()).isEqualTo(6.0);
            assertThat(r.warehouse()).isEqualTo("NO-SUCH-WH-B");
            assertThat(r.known()).isFalse();
        });
        ConsoleHttp b = new ConsoleHttp(base(), CANARIES);
        b.login(user(ConsoleRole.VIEWER, List.of()), PASSWORD);
        ConsoleHttp.Page fragment = b.get("/console/dashboard/part-stock?region="
                + java.net.URLEncoder.encode(region, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.body()).contains("SP-X").contains("class=\"stock-unknown\">未知<")
                .doesNotContain("<html");
    }

    private void usage(Ticket t, String sku, int quantity, String warehouse) {
        jdbc.update("insert into part_usage (id, ticket_id, part_sku, quantity, unit, warehouse, state, recorded_at,"
                + " updated_at) values (?, ?, ?, ?, 'PCS', ?, 'DEDUCTED', ?, ?)", UUID.randomUUID().toString(), t.id(),
                sku, quantity, warehouse, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
    }
}
