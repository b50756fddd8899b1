package org.aftersaleshub.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code hub.imports.*}: the Excel / CSV import of master data (docs/import.md).
 *
 * @param maxFileSize          the largest upload (default 50MB); the JSON cap hub.api.max-request-body does not apply
 * @param maxRows              most data rows in one file (default 1,000,000)
 * @param maxCellChars         most characters in one cell (default 32,767, as Excel)
 * @param maxUncompressedBytes most bytes all parts of an xlsx may expand to (default 1GB), checked before parsing
 * @param maxCompressionRatio  most an xlsx part larger than 1 MB may expand per compressed byte (default 100)
 * @param batchSize            rows per write transaction in VALID_ROWS mode (default 500)
 * @param threads              imports running at once on one hub instance (default 2)
 * @param queueCapacity        imports waiting on one instance before new ones are refused with 503 (default 8)
 * @param maxReportedRows      refused rows kept per job for the error report (default 10,000)
 * @param staleAfter           a RUNNING / QUEUED job whose heartbeat is older than this was left by a dead instance
 *                             and is marked FAILED (default 2m)
 */
@ConfigurationProperties("hub.imports")
public record ImportProperties(DataSize maxFileSize, Integer maxRows, Integer maxCellChars,
                               DataSize maxUncompressedBytes, Integer maxCompressionRatio, Integer batchSize,
                               Integer threads, Integer queueCapacity, Integer maxReportedRows, Duration staleAfter) {

    public ImportProperties {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(50) : maxFileSize;
        maxRows = maxRows == null ? 1_000_000 : maxRows;
        maxCellChars = maxCellChars == null ? 32_767 : maxCellChars;
        maxUncompressedBytes = maxUncompressedBytes == null ? DataSize.ofGigabytes(1) : maxUncompressedBytes;
        maxCompressionRatio = maxCompressionRatio == null ? 100 : maxCompressionRatio;
        batchSize = batchSize == null ? 500 : batchSize;
        threads = threads == null ? 2 : threads;
        queueCapacity = queueCapacity == null ? 8 : queueCapacity;
        maxReportedRows = maxReportedRows == null ? 10_000 : maxReportedRows;
        staleAfter = staleAfter == null ? Duration.ofMinutes(2) : staleAfter;
        if (maxFileSize.toBytes() < 1024 || maxRows < 1 || maxCellChars < 1 || batchSize < 1 || threads < 1
                || queueCapacity < 1 || maxReportedRows < 0 || maxCompressionRatio < 2) {
            throw new IllegalArgumentException("hub.imports: max-file-size >= 1KB, max-rows, max-cell-chars, "
                    + "batch-size, threads, queue-capacity >= 1, max-compression-ratio >= 2, max-reported-rows >= 0");
        }
        if (staleAfter.toSeconds() < 10) {
            throw new IllegalArgumentException("hub.imports.stale-after must be at least 10s (heartbeats every 5s)");
        }
    }
}
