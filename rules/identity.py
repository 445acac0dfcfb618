# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Identifiers of French firms: the SIRET (14 digits: the SIREN of the firm,
9 digits, then the number of the establishment), checked with its key by
python-stdnum (Luhn, and La Poste's exception: its establishments share the
SIREN 356 000 000 and only the sum of their digits is a multiple of 5)."""

import re

from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError
from stdnum.fr import siret as stdnum_siret

# What people type between the groups of digits: spaces (also the
# non-breaking ones of French typography), dots and dashes.
_SEPARATORS = re.compile(r"[\s\u00a0\u202f.\-]+")

SIRET_OK = "ok"
SIRET_EMPTY = "empty"
SIRET_FORMAT = "format"  # not only digits
SIRET_LENGTH = "length"  # not 14 digits
SIRET_KEY = "key"  # the check digit is wrong


def compact_siret(value):
    """The SIRET as stored and compared: its digits without separators."""
    return _SEPARATORS.sub("", str(value or "")).strip()


def check_siret(value):
    """``(compact SIRET, verdict)``: the SIRET without separators and one of
    ``SIRET_OK``, ``SIRET_EMPTY``, ``SIRET_FORMAT``, ``SIRET_LENGTH`` or
    ``SIRET_KEY``."""
    number = compact_siret(value)
    if not number:
        return number, SIRET_EMPTY
    if not number.isascii() or not number.isdigit():
        return number, SIRET_FORMAT
    try:
        stdnum_siret.validate(number)
    except InvalidLength:
        return number, SIRET_LENGTH
    except InvalidChecksum:
        return number, SIRET_KEY
    except ValidationError:
        return number, SIRET_FORMAT
    return number, SIRET_OK


def format_siret(value):
    """The SIRET as printed: '732 829 320 00074'."""
    number = compact_siret(value)
    if len(number) != 14:
        return number
    return f"{number[:3]} {number[3:6]} {number[6:9]} {number[9:]}"
