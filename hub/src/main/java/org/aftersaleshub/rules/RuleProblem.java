package org.aftersaleshub.rules;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One problem in a rule or route file.
 *
 * @param file     the file as the user named it (relative to the folder validated when possible)
 * @param line     1-based line, 0 when the problem is about the whole file
 * @param column   1-based column, 0 when unknown
 * @param severity ERROR stops the start (and makes {@code validate} exit 1); WARNING is reported only
 * @param problem  what is wrong, in one English sentence
 * @param hint     what to write instead, in English
 * @param hintZh   the same hint in Chinese (给配置人员的中文提示)
 */
@Schema(description = "A problem in a rule or route file (规则/路由文件问题).")
public record RuleProblem(String file, int line, int column, Severity severity, String problem, String hint,
                          String hintZh) {

    /** How bad a problem is. */
    public enum Severity {
        /** The file cannot run: the hub refuses to start. */
        ERROR,
        /** Runs, but probably not as meant (a team nobody belongs to). */
        WARNING
    }

    public static RuleProblem error(String file, int line, int column, String problem, String hint, String hintZh) {
        return new RuleProblem(file, line, column, Severity.ERROR, problem, hint, hintZh);
    }

    public static RuleProblem warning(String file, int line, int column, String problem, String hint,
                                      String hintZh) {
        return new RuleProblem(file, line, column, Severity.WARNING, problem, hint, hintZh);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: ERROR problem — hint: … / 提示: …}, the form compilers and editors link. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + severity + " "
                + problem + (hint == null ? "" : " — hint: " + hint) + (hintZh == null ? "" : " / 提示: " + hintZh);
    }
}
