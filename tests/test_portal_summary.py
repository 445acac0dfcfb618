# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import tagged

from .common import SocialClausePortalCommon


@tagged("post_install", "-at_install")
class TestPortalHoursSummary(SocialClausePortalCommon):
    """The firm's page shows the totals of the attestation's model method,
    validated and submitted hours side by side, never mixed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Paula: 35 h validated two months ago (hire_cdd), 12 h rejected and
        # 10 h submitted last month (hire_cdi).
        cls.hour_a_submitted = cls.env["social.clause.hour"].create(
            {
                "commitment_id": cls.commitment_a.id,
                "participant_id": cls.participant_a.id,
                "date": cls.last_month,
                "hours": 10.0,
                "modality": "hire_cdi",
            }
        )
        cls.hour_a_submitted.action_submit()

    def test_summary_by_state(self):
        summary = self.commitment_a._get_hours_summary(by_state=True)
        validated_35 = {"validated": 35.0, "submitted": 0.0}
        submitted_10 = {"validated": 0.0, "submitted": 10.0}
        # Newest month first; the rejected hours count nowhere.
        self.assertEqual(
            summary["states_by_month"],
            [(self.last_month, submitted_10), (self.two_months_ago, validated_35)],
        )
        self.assertEqual(
            [(code, states) for code, _label, states in summary["states_by_modality"]],
            # In the order of the modalities' list, as on the attestation.
            [("hire_cdi", submitted_10), ("hire_cdd", validated_35)],
        )
        self.assertEqual(
            summary["states_by_participant"],
            [
                (
                    self.participant_a.id,
                    "Paula Placed",
                    {"validated": 35.0, "submitted": 10.0},
                )
            ],
        )
        # The attestation's totals are the same method's, without the states.
        self.assertEqual(summary["hours_done"], 35.0)
        self.assertEqual(summary["hours_submitted"], 10.0)
        self.assertNotIn("states_by_month", self.commitment_a._get_hours_summary())
        # A commitment without lines has empty tables.
        empty = self.commitment_a_other._get_hours_summary(by_state=True)
        self.assertEqual(empty["states_by_month"], [])
        self.assertEqual(empty["states_by_participant"], [])

    def test_firm_page_shows_the_summary(self):
        self._login(self.user_a)
        html = self._text(self.url_open(self.commitment_a.access_url))

        def table(css_class):
            body = re.search(rf"{css_class}.*?<tbody>(.*?)</tbody>", html, re.S)
            rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
            return [re.findall(r"<td[^>]*>\s*(.*?)\s*</td>", row, re.S) for row in rows]

        self.assertEqual(
            table("o_social_clause_by_month"),
            [
                [self.last_month.strftime("%m/%Y"), "0 h", "10 h"],
                [self.two_months_ago.strftime("%m/%Y"), "35 h", "0 h"],
            ],
        )
        self.assertEqual(
            table("o_social_clause_by_modality"),
            [
                ["Embauche directe\xa0: CDI", "0 h", "10 h"],
                ["Embauche directe\xa0: CDD", "35 h", "0 h"],
            ],
        )
        self.assertEqual(
            table("o_social_clause_by_participant"),
            [["Paula Placed", "35 h", "10 h"]],
        )

    def test_participant_counts_of_operations(self):
        operations = self.operation | self.other_operation | self.closed_operation
        # Paula and Bruno have counted hours in the portal's operation.
        self.assertEqual(
            operations._get_participant_counts(),
            {
                self.operation.id: 2,
                self.other_operation.id: 0,
                self.closed_operation.id: 0,
            },
        )
        self.assertEqual(
            self.env["social.clause.operation"]._get_participant_counts(), {}
        )
