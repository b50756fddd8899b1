package org.aftersaleshub.imports;

import java.time.Instant;

/**
 * One import as the {@code import_job} table holds it: what any hub instance answers for its progress.
 *
 * @param rowsTotal   data rows of the file
 * @param rowsChecked rows checked so far (phase CHECKING)
 * @param rowsDone    rows written so far (created + updated + unchanged; phase WRITING)
 * @param crmPush     false: the customers were written without announcing them to the CRM ({@link ImportOptions})
 */
public record ImportJob(String id, String entity, ImportMode mode, State state, String phase, int rowsTotal,
                        int rowsChecked, int rowsDone, int created, int updated, int unchanged, int rejected,
                        String fileName, long fileBytes, String sha256, String actor, Instant createdAt,
                        Instant startedAt, Instant finishedAt, String errorSummary, boolean crmPush) {

    /** 状态: QUEUED → RUNNING → SUCCEEDED (no refused row), PARTIAL (VALID_ROWS with refused rows) or FAILED. */
    public enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED, PARTIAL;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == PARTIAL;
        }
    }
}
