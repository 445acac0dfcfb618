# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""File names of the documents handed out: French titles keep their
apostrophes, accents and spaces; only what a file system refuses goes."""

import re

# Reserved on Windows or a path separator anywhere, and control characters.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def document_filename(title, extension=""):
    """``title`` as a file name: forbidden characters become a space,
    spaces are collapsed, dots and spaces trimmed at the ends; "document"
    when nothing is left. ``extension`` (without dot) is appended."""
    name = " ".join(_FORBIDDEN.sub(" ", title or "").split()).strip(" .")
    name = name[:150].rstrip(" .") or "document"
    return f"{name}.{extension}" if extension else name
