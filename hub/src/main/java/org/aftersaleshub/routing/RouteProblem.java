package org.aftersaleshub.routing;

/**
 * One problem in a route file.
 *
 * @param file route file, as the user named it (relative to the working directory when possible)
 * @param line 1-based line, or 0 when the problem is about the whole file
 * @param problem what is wrong, in one sentence
 * @param hint   what to write instead
 */
public record RouteProblem(String file, int line, String problem, String hint) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + problem + (hint == null ? "" : " — hint: " + hint);
    }
}
