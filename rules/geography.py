# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""French geography of the clause: the département of a postcode and the
départements an area is typed as. One home for the SIAE directory, the job
offers, the prescribers' areas and the buyers' operations."""

import re


def department_of_zip(zip_code):
    """The département code of a postcode: '59000' -> '59', '97100' ->
    '971', Corsica '20000' -> '2A' and '20200' -> '2B'; '' when the text is
    no French postcode. A département code typed as such ('59', '2a', '974')
    is returned as a code, so that an area may be typed either way."""
    digits = re.sub(r"\s", "", str(zip_code or "")).upper()
    if re.fullmatch(r"\d{5}", digits):
        if digits[:2] in ("97", "98"):
            return digits[:3]
        if digits.startswith("20"):
            return "2A" if digits[:3] in ("200", "201") else "2B"
        return digits[:2]
    return normalize_department_code(digits)


def normalize_department_code(token):
    """One typed département code: '1' -> '01', '2a' -> '2A', '974' -> '974';
    '' when it is none."""
    token = str(token or "").strip().upper()
    if re.fullmatch(r"\d", token):
        return "0" + token
    if re.fullmatch(r"2[AB]|97[1-6]|98[4-9]", token):
        return token
    if re.fullmatch(r"\d{2}", token) and token not in ("00", "20") and token < "96":
        return token
    return ""


def normalize_department_codes(text):
    """Département codes of a typed list, in order, without repeats:
    '59, 62;2a 1' -> ['59', '62', '2A', '01']; a postcode in the list counts
    as its département ('59000' -> '59')."""
    codes = []
    for token in re.split(r"[\s,;/|]+", str(text or "")):
        code = department_of_zip(token) if token else ""
        if code and code not in codes:
            codes.append(code)
    return codes


def areas_served(typed, zip_code, include_own=False):
    """The départements a partner serves: those typed, else the one of its
    postcode; with ``include_own``, its own département always comes first
    (an inclusion employer serves where it stands)."""
    codes = normalize_department_codes(typed)
    own = department_of_zip(zip_code)
    if own and (include_own or not codes):
        codes = [own] + [code for code in codes if code != own]
    return codes
