# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

MODALITY_FAMILIES = [
    ("direct_hire", "Direct hire"),
    ("provision", "Staff provision"),
    ("subcontracting", "Subcontracting to an SIAE or EA"),
    ("training", "Training"),
]

# Hour line modalities and the family each one counts in.
HOUR_MODALITIES = [
    ("hire_cdi", "Direct hire: CDI"),
    ("hire_cdd", "Direct hire: CDD"),
    ("hire_site", "Direct hire: site contract"),
    ("hire_apprenticeship", "Direct hire: apprenticeship"),
    ("hire_professionalisation", "Direct hire: professionalisation contract"),
    ("provision_etti", "Provision by an ETTI"),
    ("provision_ai", "Provision by an AI"),
    ("provision_geiq", "Provision by a GEIQ"),
    ("provision_temp", "Provision by a temp agency"),
    ("subcontract_siae", "Subcontracting to an SIAE"),
    ("subcontract_ea", "Subcontracting to an EA"),
    ("training", "Training hours"),
]
MODALITY_FAMILY = {
    "hire_cdi": "direct_hire",
    "hire_cdd": "direct_hire",
    "hire_site": "direct_hire",
    "hire_apprenticeship": "direct_hire",
    "hire_professionalisation": "direct_hire",
    "provision_etti": "provision",
    "provision_ai": "provision",
    "provision_geiq": "provision",
    "provision_temp": "provision",
    "subcontract_siae": "subcontracting",
    "subcontract_ea": "subcontracting",
    "training": "training",
}


class SocialClauseModality(models.Model):
    """A way for a firm to meet its commitment (chosen on the commitment)."""

    _name = "social.clause.modality"
    _description = "Implementation modality"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(HOUR_MODALITIES, required=True)
    family = fields.Selection(MODALITY_FAMILIES, required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a modality must be unique."),
    ]
