# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.common import clean_siret, simplify
from ..rules.identity import compact_siret
from .social_clause_file_import import MAX_COLUMNS, _cell_text

# Columns of Le marché de l'inclusion's export of structures (its headers are
# the French labels of its fields) and the English names they stand for,
# compared without case, accents or punctuation.
HEADER_ALIASES = {
    "siret": {"siret", "n siret", "numero siret", "siret de la structure"},
    "name": {"raison sociale", "name", "nom de la structure", "structure"},
    "brand": {"enseigne", "brand"},
    "kind": {"type de structure", "type", "kind", "type structure"},
    "presta_type": {"type de prestation", "presta type", "types de prestation"},
    "sectors": {
        "secteurs d activite",
        "secteurs",
        "secteur",
        "secteur d activite",
        "sectors",
    },
    "address": {"adresse", "address"},
    "zip": {"code postal", "post code", "cp", "zip"},
    "city": {"ville", "city", "commune"},
    "department": {"departement", "department", "dept"},
    "region": {"region"},
    "website": {"site internet", "site web", "website", "contact website"},
    "email": {"e mail", "email", "courriel", "contact email"},
    "phone": {"telephone", "phone", "contact phone", "tel"},
    "contact_first_name": {"prenom", "contact first name"},
    "contact_last_name": {"nom", "contact last name"},
}
REQUIRED_COLUMNS = ("siret", "name", "kind")
# Kinds of structures of the export and the module's employer kinds. An
# adapted temporary work enterprise (EATT) is an EA; the first-hours ACI too.
KIND_CODES = {
    "ei": "ei",
    "etti": "etti",
    "ai": "ai",
    "aci": "aci",
    "aciphc": "aci",
    "eiti": "eiti",
    "geiq": "geiq",
    "ea": "ea",
    "eatt": "ea",
    "esat": "esat",
}
KIND_LABELS = {
    "entreprise d insertion": "ei",
    "entreprise de travail temporaire d insertion": "etti",
    "association intermediaire": "ai",
    "atelier chantier d insertion": "aci",
    "entreprise d insertion par le travail independant": "eiti",
    "groupement d employeurs pour l insertion et la qualification": "geiq",
    "entreprise adaptee": "ea",
    "entreprise adaptee de travail temporaire": "ea",
    "etablissement et service d aide par le travail": "esat",
}
# Kinds of the export the module does not handle (prison work): their rows
# are skipped and counted, not refused.
SKIPPED_KINDS = {"sep", "produits et services realises en prison"}
# Sectors of Le marché de l'inclusion that match the module's own.
SECTOR_ALIASES = {
    "creation et entretien des espaces verts": "green_spaces",
    "espaces verts exterieurs": "green_spaces",
    "espaces verts": "green_spaces",
    "entretien restauration amenagement des espaces naturels": "green_spaces",
    "nettoyage de locaux": "cleaning",
    "nettoyage specifique chantiers parkings hopitaux hotellerie": "cleaning",
    "hygiene et proprete": "cleaning",
    "nettoyage": "cleaning",
    "metallurgie": "metal",
    "ouvrages metalliques": "metal",
    "travail du bois": "carpentry",
    "menuiserie": "carpentry",
    "batiments et travaux publics": "building",
    "batiment": "building",
    "tous travaux et petits bricolages": "building",
    "amenagement interieur": "building",
    "peinture": "painting",
    "maconnerie": "masonry",
    "gros oeuvre": "masonry",
    "plomberie": "plumbing",
    "electricite": "electricity",
    "travaux publics": "public_works",
}
PRESTA_TYPES = {
    "siae_offers_provision": ("mise a disposition", "interim"),
    "siae_offers_service": ("prestation de service",),
    "siae_offers_goods": ("fabrication", "commercialisation de biens"),
}


def split_sectors(text):
    """Sector names of a cell. The export joins names with ', ' though some
    names hold commas themselves ('Couture, reprisage, retouches', 'Nettoyage
    spécifique (chantiers, parkings...)'): a part that starts in lower case or
    inside brackets belongs to the name before it. ';' and '|' also separate."""
    text = (text or "").strip()
    if not text:
        return []
    if ";" in text or "|" in text:
        return [part.strip() for part in re.split(r"[;|]", text) if part.strip()]
    names = []
    for part in (part.strip() for part in text.split(",")):
        if not part:
            continue
        open_bracket = names and names[-1].count("(") > names[-1].count(")")
        if names and (open_bracket or not part[0].isupper()):
            names[-1] = f"{names[-1]}, {part}"
        else:
            names.append(part)
    return names


def kind_of(text):
    """The employer kind of a cell ('EI', 'Entreprise d'insertion (EI)',
    'Entreprise adaptée'); 'skip' for a kind the module does not handle;
    None if not recognised."""
    simple = simplify(text)
    if not simple:
        return None
    bracket = re.search(r"\(([^)]+)\)\s*$", str(text))
    for candidate in (simplify(bracket.group(1)) if bracket else "", simple):
        if candidate in KIND_CODES:
            return KIND_CODES[candidate]
        if candidate in SKIPPED_KINDS:
            return "skip"
    without_code = simplify(re.sub(r"\([^)]*\)\s*$", "", str(text)))
    if without_code in SKIPPED_KINDS:
        return "skip"
    return KIND_LABELS.get(without_code)


class SocialClauseSiaeImport(models.TransientModel):
    """Import the national directory of inclusive enterprises (the export of
    Le marché de l'inclusion) into partners, by SIRET: a structure already
    known is updated, never duplicated; a file with a wrong row imports
    nothing."""

    _name = "social.clause.siae.import"
    _inherit = "social.clause.file.import"
    _description = "Import the directory of inclusive enterprises"

    created_count = fields.Integer(string="Structures created", readonly=True)
    updated_count = fields.Integer(string="Structures updated", readonly=True)
    unchanged_count = fields.Integer(string="Structures unchanged", readonly=True)
    skipped_count = fields.Integer(
        string="Rows skipped",
        readonly=True,
        help="Rows of a kind the module does not handle (prison work), or "
        "repeating a SIRET already read in the file.",
    )

    # Reading the file ---------------------------------------------------------

    def _read_xls(self, stream):
        """The .xls that Le marché de l'inclusion exports (xlrd; the format
        itself bounds a sheet to 65,536 rows of 256 columns)."""
        try:
            import xlrd

            book = xlrd.open_workbook(file_contents=stream.read())
        except Exception as error:
            raise UserError(
                _(
                    "The file could not be read as an Excel workbook: %(error)s",
                    error=error,
                )
            ) from error
        sheet = book.sheet_by_index(0)
        for number in range(sheet.nrows):
            yield number + 1, sheet.row_values(number, 0, MAX_COLUMNS)

    def _map_header(self, header):
        aliases = {
            alias: column for column, names in HEADER_ALIASES.items() for alias in names
        }
        indexes = {}
        for index, cell in enumerate(header):
            column = aliases.get(simplify(cell))
            if column and column not in indexes:
                indexes[column] = index
        missing = [column for column in REQUIRED_COLUMNS if column not in indexes]
        if missing:
            labels = {
                "siret": _("SIRET"),
                "name": _("Raison sociale (name)"),
                "kind": _("Type de structure (kind)"),
            }
            raise UserError(
                _(
                    "The first row of the file must name the columns of the "
                    "export of Le marché de l'inclusion. Missing: %(columns)s.",
                    columns=", ".join(labels[column] for column in missing),
                )
            )
        return indexes

    def _parse_rows(self, header, rows, errors):
        """A dict per structure row; problems go to ``errors``."""
        indexes = self._map_header(header)
        parsed, seen, skipped = [], set(), 0
        for number, cells in rows:
            values = {
                column: _cell_text(cells[index]) if index < len(cells) else ""
                for column, index in indexes.items()
            }
            if not any(values.values()):
                continue
            kind = kind_of(values.get("kind"))
            row_errors = []
            try:
                siret = clean_siret(self.env, values.get("siret"))
            except UserError as error:
                siret = ""
                row_errors.append(error.args[0])
            else:
                if not siret:
                    row_errors.append(_("the SIRET is empty."))
            if not values.get("name"):
                row_errors.append(_("the name (raison sociale) is empty."))
            if kind is None:
                row_errors.append(
                    _(
                        'the kind "%(kind)s" is not a kind of SIAE, GEIQ, EA '
                        "or ESAT.",
                        kind=values.get("kind", ""),
                    )
                )
            errors.extend((number, message) for message in row_errors)
            if row_errors:
                continue
            if kind == "skip" or siret in seen:
                skipped += 1
                continue
            seen.add(siret)
            parsed.append(dict(values, number=number, siret=siret, kind=kind))
        return parsed, skipped

    # Matching -------------------------------------------------------------------

    def _resolve_sectors(self, rows):
        """{simplified name: sector} for every sector of the file, creating
        the sectors the module does not know (as references, once)."""
        Sector = self.env["social.clause.sector"].sudo().with_context(active_test=False)
        sectors = Sector.search([])
        known = {}
        for lang in ("en_US", self.env.lang or "en_US", "fr_FR"):
            for sector in sectors.with_context(lang=lang):
                known.setdefault(simplify(sector.name), sector)
        by_code = {sector.code: sector for sector in sectors}
        for alias, code in SECTOR_ALIASES.items():
            if code in by_code:
                known.setdefault(alias, by_code[code])
        names = {}
        for row in rows:
            for name in split_sectors(row.get("sectors")):
                names.setdefault(simplify(name), name)
        missing = {key: name for key, name in names.items() if key not in known}
        if missing:
            used_codes = set(by_code)
            to_create = []
            for key, name in missing.items():
                code = "lm_" + key.replace(" ", "_")[:40]
                while code in used_codes:
                    code += "_"
                used_codes.add(code)
                to_create.append({"name": name, "code": code})
            for key, sector in zip(missing, Sector.create(to_create), strict=True):
                known[key] = sector
        return known, sorted(missing.values())

    def _partner_values(self, row, sectors):
        """Values of the partner of a row, as the partner stores them."""
        values = {
            "name": row["name"],
            "company_registry": row["siret"],
            "is_company": True,
            "social_clause_employer_kind": row["kind"],
        }
        for column, field in (
            ("address", "street"),
            ("zip", "zip"),
            ("city", "city"),
            ("region", "siae_region"),
            ("website", "website"),
            ("email", "email"),
            ("phone", "phone"),
        ):
            if row.get(column):
                values[field] = row[column]
        if values.get("website"):
            values["website"] = self.env["res.partner"]._clean_website(
                values["website"]
            )
        if row.get("department"):
            values["siae_department"] = row["department"].upper().zfill(2)
        presta = simplify(row.get("presta_type"))
        if presta:
            for field, words in PRESTA_TYPES.items():
                values[field] = any(word in presta for word in words)
        sector_ids = {
            sectors[simplify(name)].id for name in split_sectors(row.get("sectors"))
        }
        if sector_ids:
            values["social_clause_sector_ids"] = sector_ids
        return values

    @staticmethod
    def _changes(partner, values):
        """The values that differ from what the partner holds, as write() takes
        them."""
        changes = {}
        for field, value in values.items():
            if field == "social_clause_sector_ids":
                if not value.issubset(set(partner.social_clause_sector_ids.ids)):
                    changes[field] = [(4, sector_id) for sector_id in sorted(value)]
            elif (partner[field] or False) != (value or False):
                changes[field] = value
        return changes

    def _contact_name(self, row):
        return " ".join(
            part
            for part in (row.get("contact_first_name"), row.get("contact_last_name"))
            if part
        )

    # Actions --------------------------------------------------------------------

    def _prepare_import(self, header, rows, errors):
        parsed, skipped = self._parse_rows(header, rows, errors)
        if not parsed and not errors:
            raise UserError(_("The file has no structure under its header."))
        by_siret = {}
        if parsed and not errors:
            self._check_directory_rights()
            by_siret = self._existing_structures(parsed, errors)
        return {
            "line_count": len(parsed) + skipped,
            "rows": parsed,
            "skipped": skipped,
            "by_siret": by_siret,
        }

    def _apply_import(self, plan):
        """Create or update all the structures."""
        result = self._import_structures(plan["rows"], plan["by_siret"])
        return {
            "state": "done",
            "created_count": result["created"],
            "updated_count": result["updated"],
            "unchanged_count": result["unchanged"],
            "skipped_count": plan["skipped"],
            "error_count": 0,
            "report": self._format_summary(result, plan["skipped"]),
        }

    def _result_count_fields(self):
        return ["created_count", "updated_count", "unchanged_count"]

    def _existing_structures(self, rows, errors):
        """{SIRET: partner} of the structures already known. A partner that
        is not an inclusive employer of the directory (a buyer, a firm, a
        prescriber), is a user's own contact or belongs to a company the user
        does not work in is never changed by the import: its row is an error."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        existing = Partner._social_clause_search_siret(
            [row["siret"] for row in rows], [("parent_id", "=", False)]
        )
        by_siret = {}
        for partner in existing.sorted("id"):
            by_siret.setdefault(compact_siret(partner.company_registry), partner)
        companies = self.env.companies
        for row in rows:
            partner = by_siret.get(row["siret"])
            if partner and (
                not partner.social_clause_employer_kind
                or partner.user_ids
                or (partner.company_id and partner.company_id not in companies)
            ):
                errors.append(
                    (
                        row["number"],
                        _(
                            "the SIRET %(siret)s is the one of a contact that is "
                            "not an inclusive enterprise of the directory: the "
                            "import does not change it. Check this contact by "
                            "hand.",
                            siret=row["siret"],
                        ),
                    )
                )
        return by_siret

    def _check_directory_rights(self):
        """The directory is reference data that facilitators maintain without
        the right to edit contacts in general: once their group is checked,
        the structures of the directory (and only they) are written as
        superuser."""
        if not self.env.user.has_group("social_clause.group_user"):
            raise AccessError(
                _(
                    "Only facilitators can import the directory of inclusive "
                    "enterprises."
                )
            )

    def _import_structures(self, rows, by_siret):
        """Create or update the structures (``by_siret``: those already
        known, from _existing_structures)."""
        self._check_directory_rights()
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        sectors, new_sectors = self._resolve_sectors(rows)
        to_create, contacts = [], []
        result = {"created": 0, "updated": 0, "unchanged": 0, "sectors": new_sectors}
        for row in rows:
            values = self._partner_values(row, sectors)
            partner = by_siret.get(row["siret"])
            if not partner:
                if values.get("social_clause_sector_ids"):
                    values["social_clause_sector_ids"] = [
                        (6, 0, sorted(values["social_clause_sector_ids"]))
                    ]
                to_create.append(values)
                contacts.append(self._contact_name(row))
                continue
            changes = self._changes(partner, values)
            if changes:
                partner.write(changes)
                result["updated"] += 1
            else:
                result["unchanged"] += 1
        if to_create:
            created = Partner.create(to_create)
            result["created"] = len(created)
            Partner.create(
                [
                    {"name": name, "parent_id": partner.id, "type": "contact"}
                    for partner, name in zip(created, contacts, strict=True)
                    if name
                ]
            )
        return result

    def _format_summary(self, result, skipped):
        lines = [
            _(
                "%(created)s structure(s) created, %(updated)s updated, "
                "%(unchanged)s unchanged, %(skipped)s row(s) skipped.",
                created=result["created"],
                updated=result["updated"],
                unchanged=result["unchanged"],
                skipped=skipped,
            )
        ]
        new_sectors = result.get("sectors")
        if new_sectors:
            lines.append(
                _(
                    "New sectors of activity: %(sectors)s. Set their labour "
                    "rate in the configuration.",
                    sectors=", ".join(new_sectors),
                )
            )
        return "\n".join(lines)

    def action_view_directory(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_siae_directory_action"
        )
