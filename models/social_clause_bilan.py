# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SocialClauseBilan(models.Model):
    """A bilan of an operation for a period, printed by a facilitator and
    published to the buyer's portal. The PDF is frozen when published: the
    buyer downloads the document the facilitator sent, not a new print."""

    _name = "social.clause.bilan"
    _description = "Published bilan of an operation"
    _order = "date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    operation_id = fields.Many2one(
        "social.clause.operation",
        string="Operation",
        required=True,
        ondelete="cascade",
        index=True,
    )
    buyer_id = fields.Many2one(
        related="operation_id.buyer_id", store=True, string="Buyer"
    )
    company_id = fields.Many2one(related="operation_id.company_id", store=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    # Attached to the bilan (res_model/res_id): deleted with it.
    attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True)

    @api.depends("operation_id.display_name", "date_from", "date_to")
    def _compute_name(self):
        for bilan in self:
            bilan.name = self.env._(
                "Bilan %(operation)s, %(date_from)s - %(date_to)s",
                operation=bilan.operation_id.display_name or "",
                date_from=bilan.date_from and bilan.date_from.strftime("%d/%m/%Y"),
                date_to=bilan.date_to and bilan.date_to.strftime("%d/%m/%Y"),
            )

    @api.model
    def _publish(self, operations, date_from, date_to):
        """Print the bilan of each operation for the period and publish it,
        replacing one already published for the same period."""
        self.search(
            [
                ("operation_id", "in", operations.ids),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
            ]
        ).unlink()
        bilans = self.create(
            [
                {"operation_id": op.id, "date_from": date_from, "date_to": date_to}
                for op in operations
            ]
        )
        report = self.env["ir.actions.report"]
        data = {
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
        }
        for bilan in bilans:
            content, _type = report._render_qweb_pdf(
                "social_clause.action_report_operation_bilan",
                bilan.operation_id.ids,
                data=dict(data),
            )
            bilan.attachment_id = self.env["ir.attachment"].create(
                {
                    "name": f"{bilan.name}.pdf",
                    "raw": content,
                    "res_model": self._name,
                    "res_id": bilan.id,
                    "mimetype": "application/pdf",
                }
            )
        return bilans

    @api.model
    def _portal_bilans_of(self, operation):
        """The published bilans of an operation, newest period first, for its
        buyer's page (the caller checked the buyer's access)."""
        return self.sudo().search([("operation_id", "=", operation.id)])

    def _portal_url(self):
        self.ensure_one()
        return f"{self.operation_id.access_url}/bilans/{self.id}"
