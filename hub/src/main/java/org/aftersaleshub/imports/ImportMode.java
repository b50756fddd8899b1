package org.aftersaleshub.imports;

/** What an import does with a file that has refused rows. */
public enum ImportMode {
    /** 全部成功才导入: check every row first; write only when none is refused, all in one transaction. */
    ALL_OR_NOTHING,
    /** 导入有效行: write the valid rows (a transaction per batch) and report the refused ones. */
    VALID_ROWS
}
