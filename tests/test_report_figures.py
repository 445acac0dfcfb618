# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SocialClauseReportCase


@tagged("post_install", "-at_install")
class TestReportFigures(SocialClauseReportCase):
    """One definition of the hours done: validated lines of an eligible
    participant (``is_counted``), in the analysis as in the bilan."""

    def test_analysis_total_is_the_bilan_total(self):
        # A rejected line besides the submitted one of the case: both are
        # declared hours, neither is done.
        self.env["social.clause.hour"].create(
            self._hour_vals(
                self.participant_3, self.commitment_b2, 12, state="submitted"
            )
        ).action_reject("Not on the site that month")
        self.env.flush_all()
        Analysis = self.env["social.clause.hour.analysis"].with_user(self.facilitator)
        domain = [("operation_id", "=", self.operation.id)]
        [(validated, declared)] = Analysis._read_group(
            domain, [], ["hours_validated:sum", "hours:sum"]
        )
        bilan = self.operation._get_bilan_data()
        self.assertEqual(bilan["hours_done"], 350)
        self.assertEqual(validated, bilan["hours_done"])
        # All states: the submitted 30 h and the rejected 12 h on top.
        self.assertEqual(declared, 350 + 30 + 12)
        by_state = dict(Analysis._read_group(domain, ["state"], ["hours:sum"]))
        self.assertEqual(by_state, {"validated": 350, "submitted": 30, "rejected": 12})
        self.assertEqual(self.operation.hours_done, validated)

    def test_analysis_says_which_states_it_holds(self):
        action = self.env.ref("social_clause.social_clause_hour_analysis_action")
        self.assertIn("heures validées", action.name.lower())
        fields = self.env["social.clause.hour.analysis"].fields_get(
            ["hours", "hours_validated"], ["string"]
        )
        self.assertEqual(fields["hours_validated"]["string"], "Heures validées")
        self.assertIn("tous états", fields["hours"]["string"])
        views = self.env["social.clause.hour.analysis"].get_views(
            [(False, "pivot"), (False, "graph")]
        )["views"]
        for view_type in ("pivot", "graph"):
            self.assertIn('name="hours_validated"', views[view_type]["arch"])
