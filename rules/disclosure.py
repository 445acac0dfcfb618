# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Statistical disclosure control of the counts of people sent to buyers.

A count of 1 to ``threshold - 1`` people is masked (primary suppression). A
breakdown whose total is shown elsewhere (the number of people of the lot or
operation) would let a single masked cell be subtracted back, so when exactly
one cell of a breakdown is masked, the next smallest is masked too
(complementary suppression). Tables (lots x categories) are suppressed by
rows and by columns until no row or column holds a single masked cell.

Plain functions, no ORM: the operation's buyer figures, its XLSX and the
bilan call them.
"""

DEFAULT_THRESHOLD = 5


def is_small(value, threshold):
    """A count of people that singles someone out: 1 to threshold - 1."""
    return 0 < value < threshold


def suppress(counts, threshold, masked=()):
    """The keys of ``counts`` ({key: count}) to mask: the small counts and
    the keys already ``masked``, plus the next smallest count when exactly
    one is masked (its total is known elsewhere)."""
    hidden = set(masked) | {
        key for key, value in counts.items() if is_small(value, threshold)
    }
    if len(hidden) == 1:
        others = [key for key in counts if key not in hidden]
        if others:
            # The smallest non-zero count protects best; a zero only when
            # nothing else is left.
            hidden.add(min(others, key=lambda key: (counts[key] == 0, counts[key])))
    return hidden


def suppress_table(table, threshold, groups=None):
    """Cells to mask in a table ``{row: {column: count}}``.

    ``groups`` lists the sets of columns whose cells add up to a value shown
    (e.g. the genders of a row add up to its number of people); by default
    all the columns of a row form one group. Every column is a group across
    the rows (the table's total row is shown). Returns a set of (row,
    column)."""
    columns = sorted({col for cells in table.values() for col in cells}, key=str)
    groups = groups or [columns]
    hidden = set()
    changed = True
    while changed:
        before = len(hidden)
        for row, cells in table.items():
            for group in groups:
                part = {col: cells[col] for col in group if col in cells}
                masked = {col for col in part if (row, col) in hidden}
                hidden |= {(row, col) for col in suppress(part, threshold, masked)}
        for col in columns:
            part = {row: cells[col] for row, cells in table.items() if col in cells}
            masked = {row for row in part if (row, col) in hidden}
            hidden |= {(row, col) for row in suppress(part, threshold, masked)}
        changed = len(hidden) != before
    return hidden


def masked_label(threshold):
    """What a buyer reads in place of a masked count: "< 5"."""
    return f"< {threshold}"


def shown(value, hidden, threshold, hidden_label="*"):
    """``value``; when ``hidden``, the masked label ("< 5") if the value is
    small, else ``hidden_label``: a cell masked only to protect a small one
    (complementary suppression) does not read "< 5", which would be false."""
    if not hidden:
        return value
    return masked_label(threshold) if is_small(value, threshold) else hidden_label
