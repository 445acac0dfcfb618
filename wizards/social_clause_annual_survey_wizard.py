# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang


class SocialClauseAnnualSurveyWizard(models.TransientModel):
    """Year's reporting: preview of the annual survey, its workbook, and the
    open-data export of the year's lots."""

    _name = "social.clause.annual.survey.wizard"
    _description = "Annual activity survey"

    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    buyer_id = fields.Many2one(
        "res.partner",
        string="Buyer",
        domain=[("is_social_clause_buyer", "=", True)],
        help="Leave empty for all the buyers.",
    )
    preview_html = fields.Html(
        string="Preview", compute="_compute_preview_html", sanitize=False
    )

    @api.depends("year", "buyer_id")
    def _compute_preview_html(self):
        survey = self.env["social.clause.annual.survey"]
        for wizard in self:
            if not 1900 <= wizard.year <= 9999:
                wizard.preview_html = False
                continue
            data = survey._get_survey_data(wizard.year, wizard.buyer_id or None)
            wizard.preview_html = self.env["ir.qweb"]._render(
                "social_clause.annual_survey_preview",
                {"data": data, "format_figure": self._format_figure},
            )

    def _format_figure(self, value):
        """A figure as the preview shows it, in the user's language."""
        if isinstance(value, float):
            return formatLang(self.env, value, digits=0 if value == int(value) else 2)
        return value

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 1900 <= wizard.year <= 9999:
                raise ValidationError(
                    _("Give a year between 1900 and 9999, such as 2026.")
                )

    def action_download_survey(self):
        self.ensure_one()
        return self.env.ref(
            "social_clause.action_report_annual_survey_xlsx"
        ).report_action(self)

    def action_download_decp(self):
        self.ensure_one()
        return self.env.ref("social_clause.action_report_decp_xlsx").report_action(self)

    def action_download_decp_json(self):
        """The same selection as the DECP XLSX, as the ``decp.json`` file of
        the DECP 2.0.3 format."""
        self.ensure_one()
        content = self.env["social.clause.annual.survey"]._get_decp_json(
            self.year, self.buyer_id or None
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "decp.json",
                "raw": content.encode(),
                "mimetype": "application/json",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
