package org.aftersaleshub.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads many rows one at a time for the exports: in a read-only transaction with a fetch size, so PostgreSQL's
 * driver uses a cursor instead of holding up to {@link TableExport#ROW_CAP} rows in memory.
 */
@Component
class ConsoleStreams {

    /** What is done with each row; may write to the response. */
    @FunctionalInterface
    interface Each<T> {
        void accept(T row) throws IOException;
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    ConsoleStreams(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    <T> void each(String sql, List<Object> args, RowMapper<T> mapper, Each<T> each) {
        readOnly.executeWithoutResult(status -> jdbc.query(sql, rs -> {
            try {
                each.accept(mapper.mapRow(rs, rs.getRow()));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the browser went away: stop reading
            }
        }, args.toArray()));
    }
}
