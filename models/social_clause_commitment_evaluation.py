# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models
from odoo.exceptions import UserError


class SocialClauseCommitment(models.Model):
    _name = "social.clause.commitment"
    _inherit = ["social.clause.commitment", "social.clause.evaluation.mixin"]

    _evaluation_audience = "firm"
    _evaluation_field = "social_clause_commitment_id"

    def action_send_evaluation(self):
        """E-mail the firm's contact a link to the firm questionnaire."""
        self.ensure_one()
        contact = self.contact_id or self.partner_id
        if not contact.email:
            raise UserError(
                _(
                    "%(contact)s has no e-mail address: set the firm contact's "
                    "e-mail to send the evaluation.",
                    contact=contact.display_name,
                )
            )
        answer = self._create_evaluation_answer(partner=contact)
        template = self.env.ref("survey.mail_template_user_input_invite")
        template.sudo().with_context(lang=contact.lang).send_mail(
            answer.id, email_layout_xmlid="mail.mail_notification_light"
        )
        self.message_post(
            body=_(
                "Evaluation questionnaire sent to %(contact)s.",
                contact=contact.display_name,
            )
        )
        return True
