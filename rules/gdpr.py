# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Finding a person's identity in free text, by whole words.

The right of access and the anonymisation look for the words that identify
a person (every spelling of the name, identifiers, e-mail, phone) in the
messages and notes of the documents about them. A whole-word match: "Ette
Dupont" is not found in "Paulette Dupont", nor "Yanis Roche" in "Yanis
Rochefort"; the case and the spaces between words do not matter, and the
HTML-escaped form (an apostrophe in a message body) is found too.
"""

import re

from markupsafe import escape

# Shorter terms would match ordinary words.
MIN_TERM_LENGTH = 2


def identity_terms(*values):
    """The distinct non-empty terms of ``values`` (None and blanks dropped),
    with their HTML-escaped forms."""
    terms = set()
    for value in values:
        term = " ".join(str(value or "").split())
        if len(term) >= MIN_TERM_LENGTH:
            terms |= {term, str(escape(term))}
    return terms


def identity_pattern(terms):
    """A compiled regular expression matching any of ``terms`` as whole
    words, case-insensitive; None when there is no term."""
    forms = {
        r"\s+".join(re.escape(word) for word in term.split())
        for term in terms
        if term.split()
    }
    if not forms:
        return None
    alternatives = "|".join(sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def search_words(terms):
    """The longest word of each term: what a database pre-filter (ILIKE)
    looks for before the pattern decides."""
    return {max(term.split(), key=len) for term in terms if term.split()}


def scrub(text, pattern, replacement):
    """``text`` with every whole-word match of ``pattern`` replaced."""
    if not text or pattern is None:
        return text
    return pattern.sub(lambda _match: replacement, text)
