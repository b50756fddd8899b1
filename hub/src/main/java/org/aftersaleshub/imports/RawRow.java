package org.aftersaleshub.imports;

import java.util.List;

/**
 * One row of the file as read, before conversion: its number as the user sees it (the header is row 1) and its cells
 * in file order.
 */
record RawRow(int number, List<Cell> cells) {

    /** What a cell held: CSV cells are all TEXT; xlsx cells keep their type, so a date typed as text can be told. */
    enum Kind { EMPTY, TEXT, NUMBER, DATE, BOOLEAN, FORMULA, ERROR }

    /**
     * @param text  the cell as the user sees it (for the error report); empty for an empty cell
     * @param value a NUMBER's BigDecimal, a DATE's LocalDate, else null
     */
    record Cell(Kind kind, String text, Object value) {
        static final Cell EMPTY = new Cell(Kind.EMPTY, "", null);

        boolean blank() {
            return kind == Kind.EMPTY || text.isBlank();
        }
    }

    Cell cell(int index) {
        return index < cells.size() ? cells.get(index) : Cell.EMPTY;
    }

    boolean blank() {
        return cells.stream().allMatch(Cell::blank);
    }

    List<String> texts() {
        return cells.stream().map(Cell::text).toList();
    }
}
