# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every entry point (portal, import, back office) reads and writes the
same way: text cleaning, hours and months parsing, hours and months display.

The functions raise ``UserError`` with a translated message: the portal
shows it on the page, the import puts it on the row of its report.
"""

import datetime
import functools
import io
import math
import re
import unicodedata

import psycopg2.extensions

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date, split_every

from ..rules.identity import (
    SIRET_EMPTY,
    SIRET_KEY,
    SIRET_LENGTH,
    SIRET_OK,
    check_siret,
)

# Hours are kept to the hundredth of an hour, as payslips state them: a
# full-time month is 151.67 hours (35 h x 52 / 12), which a quarter-hour rule
# would refuse.
HOURS_DIGITS = 2
# ASCII digits only (``\d`` would read Arabic-Indic or other digits), an
# optional sign (to say "greater than zero" rather than "not a number"), one
# decimal point or comma. No exponent, no ``_`` separator, no inf or NaN.
_HOURS_RE = re.compile(r"([+-]?)([0-9]+)(?:[.,]([0-9]*))?", re.ASCII)
# The three forms a month is written in: 2026-10, 10/2026, 2026-10-01.
_MONTH_RES = (
    (re.compile(r"([0-9]{4})-([0-9]{2})", re.ASCII), 1, 2, None),
    (re.compile(r"([0-9]{2})/([0-9]{4})", re.ASCII), 2, 1, None),
    (re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII), 1, 2, 3),
)
MONTH_MIN_YEAR = 2000
# Characters that reorder the text around them (bidi embeddings, overrides
# and isolates): refused, they make a name read differently than it is.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# ASCII controls but tab, line feed and carriage return.
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Longest value of one short text input (a name, a cell).
TEXT_MAX_LENGTH = 128
# How much of a wrong value a message repeats.
_SHOWN_MAX_LENGTH = 30


def clean_text(env, value, label, max_length=TEXT_MAX_LENGTH):
    """A short text typed by a user (portal field, import cell), cleaned:
    spaces collapsed, invisible format characters (zero-width spaces, soft
    hyphens) removed. Control characters (NUL, C0, C1) and text direction
    controls are refused, as is a text longer than ``max_length``.

    :param label: the translated name of the input, for the messages
    :return: the cleaned text, ``""`` for an empty value
    """
    if value is None or value is False:
        return ""
    text = str(value)
    # Tabs and line breaks are spaces here; every other control is refused
    # (str.split() would take some of them, as \x1c or \x85, for spaces).
    if text.isascii():  # the common case, checked fast
        if _ASCII_CONTROLS.search(text):
            raise _control_characters(env, label)
        text = " ".join(text.split())
    else:
        text = unicodedata.normalize("NFC", text)
        for char in text:
            if char in _BIDI_CONTROLS or (
                char not in "\t\n\r" and unicodedata.category(char) == "Cc"
            ):
                raise _control_characters(env, label)
        text = "".join(char for char in text if unicodedata.category(char) != "Cf")
        text = " ".join(text.split())
    if max_length and len(text) > max_length:
        raise UserError(
            env._(
                "The field %(label)s is longer than %(max)s characters.",
                label=label,
                max=max_length,
            )
        )
    return text


def _control_characters(env, label):
    return UserError(
        env._(
            "The field %(label)s holds control or text direction "
            "characters: type it again without them.",
            label=label,
        )
    )


def clean_name(env, value, label, max_length=TEXT_MAX_LENGTH):
    """A person's or a firm's name: a cleaned text holding a visible letter."""
    name = clean_text(env, value, label, max_length=max_length)
    typed = str(value or "").strip()
    if typed and not any(unicodedata.category(char)[0] == "L" for char in name):
        raise UserError(
            env._("The field %(label)s must hold at least one letter.", label=label)
        )
    return name


def clean_siret(env, value):
    """A SIRET typed or imported: its 14 digits without the spaces, dots or
    dashes typed between them, or ``""`` when empty; a SIRET that is not 14
    digits, or whose key (check digit) is wrong, is refused."""
    number, verdict = check_siret(clean_text(env, value, env._("SIRET")))
    if verdict in (SIRET_OK, SIRET_EMPTY):
        return number
    if verdict == SIRET_KEY:
        message = env._(
            "The SIRET %(siret)s is not valid: its key (last digit) does not "
            "match its other digits. Check it on the firm's documents.",
            siret=shown(value),
        )
    elif verdict == SIRET_LENGTH:
        message = env._(
            "The SIRET %(siret)s must have 14 digits (%(count)s given).",
            siret=shown(value),
            count=len(number),
        )
    else:
        message = env._(
            "The SIRET %(siret)s must hold digits only.", siret=shown(value)
        )
    raise UserError(message)


# A person proposed on the portal is between these ages.
BIRTH_AGE_MIN, BIRTH_AGE_MAX = 15, 100
# France Travail job-seeker identifier: 7 digits and a letter or digit (the
# older Pôle emploi form), up to 11 characters for the newer ones.
_FRANCE_TRAVAIL_ID = re.compile(r"[0-9]{7}[0-9A-Z]{1,4}", re.ASCII)
# A phone number: 10 digits in France (0X...), or + and 8 to 15 digits.
_PHONE = re.compile(r"(0[1-9][0-9]{8}|\+[1-9][0-9]{7,14})", re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")


def parse_portal_date(env, value, required=True):
    """A date typed in a portal form (the date input's YYYY-MM-DD): an
    interview, a hire, an availability; between 2000 and 2100."""
    raw = str(value or "").strip()
    if not raw:
        if required:
            raise UserError(env._("Give the date."))
        return False
    try:
        day = fields.Date.to_date(raw)
    except ValueError:
        day = None
    if not day or day.year < 2000 or day.year > 2100:
        raise UserError(env._("The date %(date)s is not valid.", date=raw[:20]))
    return day


def parse_birth_date(env, value, today):
    """A birth date typed as YYYY-MM-DD (the date input's format): required,
    of a person of working age on ``today``."""
    text = clean_text(env, value, env._("Birth date"))
    if not text:
        raise UserError(env._("Give the birth date of the person."))
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise UserError(
            env._(
                "The birth date %(value)s is not valid: use the date picker "
                "(day/month/year).",
                value=shown(text),
            )
        ) from None
    years = today.year - day.year - ((today.month, today.day) < (day.month, day.day))
    if not BIRTH_AGE_MIN <= years <= BIRTH_AGE_MAX:
        raise UserError(
            env._(
                "The birth date %(date)s gives an age of %(years)s: a person "
                "proposed is between %(min)s and %(max)s years old.",
                date=day.strftime("%d/%m/%Y"),
                years=years,
                min=BIRTH_AGE_MIN,
                max=BIRTH_AGE_MAX,
            )
        )
    return day


def clean_france_travail_id(env, value):
    """A France Travail identifier, spaces removed and in capitals; ``""``
    when not given."""
    text = "".join(clean_text(env, value, env._("France Travail identifier")).split())
    text = text.upper()
    if text and not _FRANCE_TRAVAIL_ID.fullmatch(text):
        raise UserError(
            env._(
                "The France Travail identifier %(value)s is not valid: 7 digits "
                "followed by 1 to 4 letters or digits, e.g. 1234567A.",
                value=shown(text),
            )
        )
    return text


def clean_phone(env, value):
    """A phone number, spaces, dots and dashes removed; ``""`` when empty."""
    text = clean_text(env, value, env._("Phone"))
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits and not _PHONE.fullmatch(digits):
        raise UserError(
            env._(
                "The phone number %(value)s is not valid: 10 digits (06 12 34 "
                "56 78) or an international number (+33 6 12 34 56 78).",
                value=shown(text),
            )
        )
    return digits


def clean_email(env, value):
    """An e-mail address, lower case; ``""`` when empty."""
    text = clean_text(env, value, env._("E-mail")).lower()
    if text and (" " in text or not _EMAIL.fullmatch(text)):
        raise UserError(
            env._(
                "The e-mail address %(value)s is not valid, e.g. "
                "prenom.nom@exemple.fr.",
                value=shown(text),
            )
        )
    return text


def facilitator_of(env, user):
    """Who answers for a record (activities, messages, the person a firm is
    told to ask): its facilitator, else the administrator, as long as the
    structure has named none."""
    return user or env.ref("base.user_admin")


def shown(value):
    """A wrong value repeated in a message: cleaned of what could hide or
    reorder text, cut when long, ``""`` when empty."""
    text = "".join(
        char
        for char in str(value if value is not None else "")
        if unicodedata.category(char) not in ("Cc", "Cf")
    ).strip()
    if len(text) > _SHOWN_MAX_LENGTH:
        text = text[: _SHOWN_MAX_LENGTH - 1] + "…"
    return f"« {text} »" if text else '""'


def parse_hours(env, value, maximum=None):
    """Hours as users type them (``35``, ``12,5``, ``151.67``) or as a
    spreadsheet gives them (a number): a float of at most two decimals,
    greater than zero and not above ``maximum`` when given."""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise UserError(
                env._("Enter the hours as a number, for example 35 or 12,5.")
            )
        hours = float(value)
        if abs(hours * 10**HOURS_DIGITS - round(hours * 10**HOURS_DIGITS)) > 1e-6:
            raise _too_many_decimals(env, value)
    else:
        text = re.sub(r"[\s\u00a0\u202f]", "", str(value or ""))
        if not text:
            raise UserError(env._("Enter the number of hours."))
        match = _HOURS_RE.fullmatch(text)
        if not match:
            raise UserError(
                env._(
                    "Enter the hours as a number, for example 35 or 12,5 "
                    "(%(value)s is not one).",
                    value=shown(value),
                )
            )
        sign, units, decimals = match.groups()
        if decimals and len(decimals.rstrip("0")) > HOURS_DIGITS:
            raise _too_many_decimals(env, value)
        hours = float(f"{sign}{units}.{decimals or 0}")
        if not math.isfinite(hours):
            raise UserError(
                env._("Enter the hours as a number, for example 35 or 12,5.")
            )
    hours = round(hours, HOURS_DIGITS)
    if hours <= 0:
        raise UserError(
            env._(
                "The hours must be greater than zero (%(value)s).",
                value=shown(value),
            )
        )
    if maximum is not None and hours > maximum + 1e-6:
        raise UserError(
            env._(
                "%(hours)s hours in one month is more than a full-time month "
                "allows (%(max)s hours).",
                hours=format_hours(hours, env),
                max=format_hours(maximum, env),
            )
        )
    return hours


def _too_many_decimals(env, value):
    return UserError(
        env._(
            "The hours %(value)s have more than two decimals: hours are kept to "
            "the hundredth (for example 151,67).",
            value=shown(value),
        )
    )


def parse_month(env, value):
    """The first day of a month written ``YYYY-MM``, ``MM/YYYY`` or
    ``YYYY-MM-DD`` (exactly), or given as a date by a spreadsheet."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        month = value.replace(day=1)
    else:
        text = str(value or "").strip()
        if not text:
            raise UserError(env._("Choose the month of the hours."))
        month = None
        for pattern, year_group, month_group, day_group in _MONTH_RES:
            match = pattern.fullmatch(text)
            if not match:
                continue
            try:
                day = datetime.date(
                    int(match.group(year_group)),
                    int(match.group(month_group)),
                    int(match.group(day_group)) if day_group else 1,
                )
            except ValueError:
                break
            month = day.replace(day=1)
            break
        if month is None:
            raise UserError(
                env._(
                    "%(value)s is not a month: write it as 10/2026 or 2026-10.",
                    value=shown(value),
                )
            )
    if month.year < MONTH_MIN_YEAR:
        raise UserError(
            env._("The month %(month)s is not valid.", month=format_month(month))
        )
    return month


@functools.lru_cache(maxsize=4096)
def simplify(text):
    """Lower case, no accents, punctuation as spaces: to match a column
    header or a label however it was typed ("Modalité" = "modalite")."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower(), flags=re.ASCII).split())


def format_hours(hours, env=None, grouping=False):
    """Hours as users write them: 800, 12,5, 151,67 (no trailing zeros),
    with the decimal separator of the user's language (a comma in French,
    the default when no environment is given). ``grouping`` separates the
    thousands as printed documents do (1 800 in French); messages echoing
    what a user typed keep the digits as typed."""
    text = f"{round(hours or 0.0, HOURS_DIGITS):.{HOURS_DIGITS}f}"
    text = text.rstrip("0").rstrip(".")
    separator, thousands = ",", "\N{NO-BREAK SPACE}"
    if env is not None:
        lang = env["res.lang"]._get_data(code=env.lang or "en_US")
        separator = lang.decimal_point or ","
        thousands = lang.thousands_sep or ""
    units, __, decimals = text.partition(".")
    if grouping and thousands:
        sign = "-" if units.startswith("-") else ""
        digits = units.lstrip("-")
        groups = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        units = sign + thousands.join([digits, *groups])
    return units + (separator + decimals if decimals else "")


def format_month(month, env=None, long=False):
    """A month as French readers read it: ``10/2026``, or ``octobre 2026``
    with ``long`` (in the language of ``env``); never its first day
    (``01/10/2026`` reads as 1 October). Empty for an empty date."""
    if not month:
        return ""
    if long and env is not None:
        return format_date(env, month, date_format="MMMM yyyy")
    return month.strftime("%m/%Y")


class SocialClauseError(UserError):
    """A refusal the facilitator can act on, worded for them.

    Raised like a ``UserError``; the web client titles its dialog
    "Action impossible" (static/src/js/error_dialogs.js) instead of the
    generic "Opération invalide", which reads here as an invalid works
    operation.
    """


# Records per batch when a bulk path walks a very large recordset.
BATCH_SIZE = 10000


def refresh_in_bulk(*steps):
    """Write stored computed fields in SQL, for the bulk paths. Each step is
    ``(records, fnames, statement, params)``: one statement (``%(ids)s`` are
    the records' ids) that writes ``fnames`` of ``records`` as their computes
    would. The fields of all steps are first taken off the ORM's
    recomputations, what else is pending is flushed, then the statements
    run in order (a step may read what an earlier one wrote) and the cache of
    their fields is dropped. The caller checked the rights; each statement
    has a test against the ORM."""
    steps = [step for step in steps if step[0]]
    if not steps:
        return
    env = steps[0][0].env
    for records, fnames, __, __ in steps:
        for fname in fnames:
            env.remove_to_compute(records._fields[fname], records)
    env.flush_all()
    if sum(len(step[0]) for step in steps) > BATCH_SIZE:
        # The groupings of a million lines fit in memory rather than on
        # disk (PostgreSQL's default is 4 MB), for this transaction only.
        env.cr.execute("SET LOCAL work_mem = '64MB'")
    for records, fnames, statement, params in steps:
        env.cr.execute(SQL(statement, ids=records.ids, **params))
        records.invalidate_recordset(fnames)


def in_batches(records, size=BATCH_SIZE):
    """``records`` by batches of ``size``, each its own prefetch set: a
    field read on a batch is fetched for that batch only. On one recordset
    of a million lines, each read of the ORM would look through the whole
    million for the ids still to fetch, a thousand at a time."""
    for ids in split_every(size, records.ids):
        yield records.browse(ids)


def modified_in_batches(records, fnames, create=False):
    """Tell the ORM that ``fnames`` of ``records`` changed in SQL, as its
    write or create would (``modified``), by batches (``in_batches``). Each
    batch is yielded once marked, for the caller to take its own computes
    off; the relations ``modified`` walks are read alone first, rather than
    whole lines, and let go after each batch."""
    relations = [
        name
        for name, field in records._fields.items()
        if field.type == "many2one" and field.store
    ]
    for batch in in_batches(records):
        batch.fetch(relations)
        batch.modified(fnames, create=create)
        yield batch
        batch.invalidate_recordset(relations)


# COPY's text format: these characters of a value are written escaped.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value):
    """``value`` as COPY's text format reads it: NULL for None."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def copy_rows(cr, table, names, rows):
    """Write ``rows`` (tuples of values in the order of the columns
    ``names``) into ``table`` with PostgreSQL's COPY, as Odoo's own
    ``_ensure_xml_id`` does: for a bulk path, about twice as fast as an
    INSERT with one SQL parameter per value. The caller checked the rights
    and flushed; ``None`` is NULL."""
    data = io.StringIO("".join("\t".join(map(_copy_text, row)) + "\n" for row in rows))
    # psycopg2's asynchronous wait callback (gevent) does not support COPY.
    callback = psycopg2.extensions.get_wait_callback()
    psycopg2.extensions.set_wait_callback(None)
    try:
        cr.copy_from(data, table, columns=names)
    finally:
        psycopg2.extensions.set_wait_callback(callback)
