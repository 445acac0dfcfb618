# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# The clause fields are the facilitators' business: a user with purchase
# rights only can neither read them nor search on them. ``groups`` refuses the
# reads, but Odoo 18 runs a search on a related or one2many field without
# checking its groups (a raw subquery): ``_search`` refuses such domains.
# ``compute_sudo=False`` keeps the related values read with the user's rights.
CLAUSE_GROUP = "social_clause.group_user"


def domain_field_names(domain):
    """The first field name of every leaf of ``domain``, nested domains of
    ``any``/``not any`` included."""
    names = set()
    for leaf in domain or []:
        if isinstance(leaf, list | tuple) and len(leaf) == 3:
            path, operator, value = leaf
            if isinstance(path, str):
                names.add(path.split(".", 1)[0])
            if operator in ("any", "not any") and isinstance(value, list | tuple):
                names |= domain_field_names(value)
    return names


class PurchaseRequisition(models.Model):
    """A purchase agreement may carry the contract of one clause lot."""

    _inherit = "purchase.requisition"

    social_clause_lot_ids = fields.One2many(
        "social.clause.lot",
        "requisition_id",
        string="Social clause lots",
        groups=CLAUSE_GROUP,
    )
    social_clause_lot_id = fields.Many2one(
        "social.clause.lot",
        string="Social clause lot",
        compute="_compute_social_clause_lot_id",
        search="_search_social_clause_lot_id",
        groups=CLAUSE_GROUP,
        compute_sudo=False,
    )
    social_clause_operation_id = fields.Many2one(
        related="social_clause_lot_id.operation_id",
        string="Clause operation",
        groups=CLAUSE_GROUP,
        compute_sudo=False,
    )
    social_clause_type = fields.Selection(
        related="social_clause_lot_id.clause_type",
        readonly=False,
        groups=CLAUSE_GROUP,
        compute_sudo=False,
    )
    social_clause_amount_untaxed = fields.Monetary(
        related="social_clause_lot_id.amount_untaxed",
        readonly=False,
        string="Amount of the lot (tax excl.)",
        groups=CLAUSE_GROUP,
        compute_sudo=False,
    )
    social_clause_labour_rate = fields.Float(
        related="social_clause_lot_id.labour_rate",
        readonly=False,
        groups=CLAUSE_GROUP,
        compute_sudo=False,
    )
    social_clause_insertion_rate = fields.Float(
        related="social_clause_lot_id.insertion_rate",
        readonly=False,
        groups=CLAUSE_GROUP,
        compute_sudo=False,
    )
    social_clause_hourly_cost = fields.Float(
        related="social_clause_lot_id.hourly_cost",
        readonly=False,
        groups=CLAUSE_GROUP,
        compute_sudo=False,
    )
    social_clause_hours_calibrated = fields.Float(
        related="social_clause_lot_id.hours_calibrated",
        groups=CLAUSE_GROUP,
        compute_sudo=False,
    )
    social_clause_hours_required = fields.Float(
        related="social_clause_lot_id.hours_required",
        readonly=False,
        groups=CLAUSE_GROUP,
        compute_sudo=False,
    )
    social_clause_hours_done = fields.Float(
        related="social_clause_lot_id.hours_done",
        groups=CLAUSE_GROUP,
        compute_sudo=False,
    )

    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            used = domain_field_names(domain)
            if order:
                used |= {part.split()[0] for part in order.split(",") if part.strip()}
            guarded = sorted(
                name
                for name in used
                if name.startswith("social_clause_") and name in self._fields
            )
            if guarded and not self.env.user.has_group(CLAUSE_GROUP):
                raise AccessError(
                    _(
                        "Only facilitators may search purchase agreements on their "
                        "social clause (%(fields)s).",
                        fields=", ".join(guarded),
                    )
                )
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.depends("social_clause_lot_ids")
    def _compute_social_clause_lot_id(self):
        for requisition in self:
            requisition.social_clause_lot_id = requisition.social_clause_lot_ids[:1]

    def _search_social_clause_lot_id(self, operator, value):
        return [("social_clause_lot_ids", operator, value)]

    def _check_single_social_clause_lot(self):
        for requisition in self:
            if len(requisition.social_clause_lot_ids) > 1:
                raise ValidationError(
                    _(
                        "The purchase agreement %(agreement)s already carries the "
                        "lot %(lot)s of a social clause.",
                        agreement=requisition.name,
                        lot=requisition.social_clause_lot_ids[0].display_name,
                    )
                )

    def action_create_social_clause_lot(self):
        """Open a new lot prefilled from this agreement."""
        self.ensure_one()
        amount = sum(line.product_qty * line.price_unit for line in self.line_ids)
        return {
            "type": "ir.actions.act_window",
            "name": _("Social clause lot"),
            "res_model": "social.clause.lot",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_requisition_id": self.id,
                "default_name": self.name,
                "default_amount_untaxed": amount,
                "default_date_start": self.date_start,
                "default_date_end": self.date_end,
            },
        }
