package org.aftersaleshub.rules;

import java.nio.file.Path;
import java.util.List;

/**
 * The check of one kind of rule file, as a Spring bean: {@code validate} (the command), {@code POST
 * /api/v1/admin/rules/validate} and the start-up check run every bean of this type over every file of the rules
 * folder it {@link #handles handles}. A file no validator handles is reported as a warning.
 *
 * <p>Validation must work without the database and the broker ({@code java -jar hub.jar validate} in a CI pipeline
 * has neither): a validator may depend on configuration properties and the {@code Environment}; what needs the
 * database (does any staff member hold this skill?) takes its dependency as an {@code ObjectProvider} and skips that
 * check when it is absent. Validation returns data, never throws for a bad file.
 */
public interface RuleFileValidator {

    /**
     * Whether this validator checks the file.
     *
     * @param relative the file's path relative to the rules folder, with {@code /} separators on every OS (e.g.
     *                 {@code dispatch.yaml}, {@code calendars/2027.yaml})
     */
    boolean handles(Path relative);

    /**
     * Every problem of the file, errors and warnings; empty when it is fine.
     *
     * @param file the file as it should be named in problems (relative to the working directory when possible)
     * @param text its content (UTF-8)
     */
    List<RuleProblem> validate(Path file, String text);
}
