# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Whether a typed name is a person already known: "Nadia Lefevre" is
"Nadia Lefèvre" (accents, case, spaces and hyphens do not count), "Nadia
Lefebre" is close enough to be suggested rather than created twice."""

import difflib
import unicodedata

# Two normalised names at least this similar (0-1) are suggested.
NEAR_RATIO = 0.85


def normalise_name(name):
    """``name`` without accents, case, punctuation or extra spaces, words in
    their order: ``"  Lefèvre-Dupont  NADIA"`` -> ``"lefevre dupont nadia"``."""
    decomposed = unicodedata.normalize("NFKD", str(name or ""))
    letters = "".join(
        char if char.isalnum() else " "
        for char in decomposed
        if not unicodedata.combining(char)
    )
    return " ".join(letters.casefold().split())


def name_key(name):
    """What two spellings of one person's name share: normalised, words in
    any order (``"Lefèvre Nadia"`` is ``"Nadia Lefevre"``)."""
    return " ".join(sorted(normalise_name(name).split()))


def match_name(name, known):
    """The known name ``name`` is, and the one it is close to.

    :param known: dict ``{key: name}`` of the known people
    :return: ``(exact_key, near_key)``: the key of the person whose name is
        the same once normalised (or None), else the key of the closest
        similar name (or None)
    """
    typed = normalise_name(name)
    if not typed:
        return None, None
    typed_key = name_key(typed)
    best_key, best_ratio = None, 0.0
    for key, other in known.items():
        other = normalise_name(other)
        if name_key(other) == typed_key:
            return key, None
        ratio = difflib.SequenceMatcher(None, typed, other).ratio()
        if ratio > best_ratio:
            best_key, best_ratio = key, ratio
    return None, (best_key if best_ratio >= NEAR_RATIO else None)
