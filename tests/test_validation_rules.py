# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Validation refuses what a controller would: months outside the path or
not over, hours without proof, modalities the commitment did not choose,
people not eligible that month; each refusal says why, in the list and in
the report. The "cannot be validated" filter (SQL) and the rules of
rules/eligibility.py agree."""

import ast
import base64
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from ..rules.eligibility import (
    is_eligible_between,
    month_after_exit,
    month_before_entry,
    month_bounds,
    month_is_over,
)
from .common import PDF, IntermediationCase, PortalMonthCommon, SocialClauseCase


@tagged("post_install", "-at_install")
class TestValidationRules(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Hour = cls.env["social.clause.hour"]
        cls.this_month = cls.today.replace(day=1)

    def _line(self, participant=None, month=None, **extra):
        vals = self._hour_vals(
            participant or self.participant, self.commitment_a1, 10, month=month
        )
        vals.update({"state": "submitted", **extra})
        return self.Hour.create(vals)

    def _proof(self, line):
        return self.env["ir.attachment"].create(
            {
                "name": "bulletin.pdf",
                "datas": base64.b64encode(PDF),
                "mimetype": "application/pdf",
                "res_model": line._name,
                "res_id": line.id,
            }
        )

    def test_months_outside_the_path_are_refused(self):
        """Entered on the 19th of a month: that month's hours are validated,
        the month before is refused; same for the exit."""
        entry = self.month - relativedelta(months=2) + timedelta(days=18)
        self.participant.entry_date = entry
        before = self._line(month=entry.replace(day=1) - relativedelta(months=1))
        entry_month = self._line(month=entry.replace(day=1))
        self.assertEqual(
            before.with_user(self.facilitator).validation_blocker,
            f"Mois antérieur à l'entrée en parcours ({entry.strftime('%d/%m/%Y')}).",
        )
        self.assertFalse(entry_month.validation_blocker)
        exit_date = entry.replace(day=1) + relativedelta(months=1, days=2)
        self.participant.exit_date = exit_date
        after = self._line(month=self.month)
        self.assertRegex(after.validation_blocker, "postérieur à la sortie du parcours")
        lines = before | entry_month | after
        lines.with_user(self.facilitator).action_validate()
        self.assertEqual(lines.mapped("state"), ["submitted", "validated", "submitted"])

    def test_month_not_over_is_refused(self):
        line = self._line(month=self.this_month)
        self.assertRegex(
            line.validation_blocker,
            "n'est pas terminé : ses heures pourront être validées à partir du",
        )
        self.assertEqual(line._validate_what_can_be(), line)
        self.assertEqual(line.state, "submitted")
        self.assertTrue(
            self.Hour.search_count(
                [("id", "=", line.id), ("cannot_validate", "=", True)]
            )
        )

    def test_firm_lines_need_a_proof_or_a_reason(self):
        """Lines of the firms' portal (form or file) need a proof; lines the
        facilitator enters or imports in the back office do not."""
        waived, proved, imported, facilitator = (
            self._line(declared_by="portal"),
            self._line(participant=self.participant_2, declared_by="portal"),
            self._line(
                month=self.month - relativedelta(months=1), declared_by="import"
            ),
            self._line(
                participant=self.participant_2,
                month=self.month - relativedelta(months=1),
                declared_by="facilitator",
            ),
        )
        lines = waived | proved | imported | facilitator
        self.assertFalse(waived.has_proof)
        self.assertRegex(waived.validation_blocker, "^Aucun justificatif des heures")
        self.assertRegex(proved.validation_blocker, "^Aucun justificatif des heures")
        self.assertFalse(imported.validation_blocker)
        self.assertFalse(facilitator.validation_blocker)
        # The list's "Sans justificatif" filter: the firms' lines only.
        without_proof = self.Hour.with_user(self.facilitator).search(
            [("id", "in", lines.ids)] + self._filter_domain("without_proof")
        )
        self.assertEqual(without_proof, waived | proved)
        # A proof attached: validated, and previewed beside the line.
        proved.attachment_ids = self._proof(proved)
        self.assertTrue(proved.has_proof)
        self.assertEqual(proved.proof_preview_kind, "pdf")
        self.assertEqual(base64.b64decode(proved.proof_preview), PDF)
        # No proof, but the facilitator says why: validated, and traced.
        with Form(waived.with_user(self.facilitator)) as form:
            form.proof_waived_reason = "  Bulletin vu sur place  "
        self.assertEqual(waived.proof_waived_reason, "Bulletin vu sur place")
        note = self.participant.message_ids[:1]
        self.assertIn("à valider sans justificatif : Bulletin vu sur place", note.body)
        self.assertEqual(note.author_id, self.facilitator.partner_id)
        self.assertIs(lines.with_user(self.facilitator).action_validate(), True)
        self.assertEqual(set(lines.mapped("state")), {"validated"})

    def _filter_domain(self, name):
        view = self.env.ref("social_clause.social_clause_hour_view_search")
        node = etree.fromstring(view.arch).xpath(f"//filter[@name='{name}']")[0]
        return ast.literal_eval(node.get("domain"))

    def test_modality_not_chosen_is_refused(self):
        cdi = self.env.ref("social_clause.modality_hire_cdi")
        self.commitment_a1.modality_ids = [Command.set(cdi.ids)]
        cdd = self._line()
        cdi_line = self._line(participant=self.participant_2, modality="hire_cdi")
        cdd_label = dict(
            self.Hour._fields["modality"]._description_selection(self.env)
        )["hire_cdd"]
        self.assertEqual(
            cdd.validation_blocker,
            f"La modalité {cdd_label} ne fait pas partie de celles choisies pour "
            "l'engagement.",
        )
        self.assertFalse(cdi_line.validation_blocker)
        report = (cdd | cdi_line).with_user(self.facilitator).action_validate()
        wizard = self.env[report["res_model"]].browse(report["res_id"])
        self.assertEqual(wizard.validated_count, 1)
        self.assertEqual(
            wizard._lines_text(),
            [
                f"Alice Durand ({cdd.month_label}) : La modalité {cdd_label} ne "
                "fait pas partie de celles choisies pour l'engagement."
            ],
        )

    def test_report_and_list_give_each_reason(self):
        """Every refused line says why, before (list) and after (report)."""
        self.participant.entry_date = self.month
        refused = {
            "before_entry": self._line(month=self.month - relativedelta(months=1)),
            "open": self._line(participant=self.participant_2, month=self.this_month),
            "proof": self._line(participant=self.participant_2, declared_by="portal"),
        }
        ok = self._line()
        lines = ok.browse([line.id for line in refused.values()]) | ok
        listed = lines.with_user(self.facilitator).read(["validation_blocker"])
        reasons = {row["id"]: row["validation_blocker"] for row in listed}
        self.assertFalse(reasons[ok.id])
        report = lines.with_user(self.facilitator).action_validate()
        wizard = self.env[report["res_model"]].browse(report["res_id"])
        self.assertEqual(wizard.blocked_hour_ids, lines - ok)
        texts = wizard._lines_text()
        for line in refused.values():
            self.assertIn(reasons[line.id], "\n".join(texts))
            self.assertTrue(reasons[line.id])

    def test_sql_filter_agrees_with_the_rules(self):
        """The "cannot be validated" filter (one SQL statement) and the
        Python rules of rules/eligibility.py agree, line by line."""
        Participant = self.env["social.clause.participant"]
        late = self._create_eligible_participant("Late Diagnosis", months_ago=0)
        expired = self._create_eligible_participant("Expired", months_ago=30)
        entered = self._create_eligible_participant("Entered")
        entered.write(
            {
                "entry_date": self.month - relativedelta(months=1, days=-20),
                "exit_date": self.month + timedelta(days=3),
            }
        )
        unchecked = Participant.create({"name": "Unchecked"})
        refused = Participant.create({"name": "Refused"})
        refused.action_refuse_eligibility()
        people = self.participant | late | expired | entered | unchecked | refused
        lines = self.Hour
        for person in people:
            for months_back in (-1, 0, 1, 2, 3):
                month = self.month - relativedelta(months=months_back)
                lines |= self._line(participant=person, month=month)
        lines[::4].declared_by = "portal"
        lines[::8].proof_waived_reason = "seen"
        flagged = self.Hour.with_user(self.facilitator).search(
            [("id", "in", lines.ids), ("cannot_validate", "=", True)]
        )
        expected = lines.filtered(lambda line: not self._python_can_validate(line))
        self.assertEqual(flagged, expected)
        self.assertTrue(expected and lines - expected)
        for line in lines:
            self.assertEqual(bool(line.validation_blocker), line in expected)

    def _python_can_validate(self, line):
        person = line.participant_id
        start, end = month_bounds(line.date)
        return (
            month_is_over(line.date, self.today)
            and not month_before_entry(line.date, person.entry_date)
            and not month_after_exit(line.date, person.exit_date)
            and is_eligible_between(
                person.eligibility_state,
                person.eligibility_date,
                person.eligibility_end_date,
                start,
                end,
            )
            and line.commitment_id._modality_allowed(line.modality)
            and (
                line.declared_by != "portal"
                or line.has_proof
                or bool(line.proof_waived_reason)
            )
        )

    def test_filter_is_scoped_to_the_users_companies(self):
        other_company = self.env["res.company"].create({"name": "Other facilitator"})
        line = self._line(month=self.this_month)
        rows = self.Hour._validation_blocker_rows(company_ids=other_company.ids)
        self.assertNotIn(line.id, [row["id"] for row in rows])
        rows = self.Hour._validation_blocker_rows(company_ids=self.company.ids)
        self.assertIn(line.id, [row["id"] for row in rows])


@tagged("post_install", "-at_install")
class TestEligibilityWizard(SocialClauseCase):
    def _wizard_form(self, participant):
        action = participant.with_user(
            self.facilitator
        ).action_open_eligibility_wizard()
        self.assertEqual(action["res_model"], "social.clause.eligibility.wizard")
        return Form(
            self.env[action["res_model"]]
            .with_user(self.facilitator)
            .with_context(**action["context"])
        )

    def _proof(self):
        return (
            self.env["ir.attachment"]
            .with_user(self.facilitator)
            .create({"name": "diagnostic.pdf", "datas": base64.b64encode(PDF)})
        )

    def test_diagnosis_date_asked_then_earlier_months_validate(self):
        person = self.env["social.clause.participant"].create(
            {"name": "Diane Diagnostic", "criterion_ids": self.criterion_rsa.ids}
        )
        line = self.env["social.clause.hour"].create(
            self._hour_vals(person, self.commitment_a1, 20, state="submitted")
        )
        form = self._wizard_form(person)
        self.assertEqual(form.diagnosis_date, self.today)
        # Never in the future.
        form.diagnosis_date = self.today + timedelta(days=1)
        form.proof_ids.add(self._proof())
        wizard = form.save()
        with self.assertRaisesRegex(UserError, "ne peut pas être dans le futur"):
            wizard.action_validate()
        self.assertEqual(person.eligibility_state, "to_check")
        # Earlier than today: last month's hours can be validated.
        form = self._wizard_form(person)
        form.diagnosis_date = self.month + timedelta(days=4)
        proof = self._proof()
        form.proof_ids.add(proof)
        form.save().action_validate()
        self.assertEqual(person.eligibility_state, "validated")
        self.assertEqual(person.eligibility_date, self.month + timedelta(days=4))
        self.assertEqual(person.eligibility_user_id, self.facilitator)
        self.assertIn(proof, person.eligibility_proof_ids)
        self.assertEqual(proof.res_model, "social.clause.participant")
        self.assertIs(line.with_user(self.facilitator).action_validate(), True)
        self.assertTrue(line.is_counted)

    def test_proof_required_unless_pass_iae(self):
        person = self.env["social.clause.participant"].create(
            {"name": "Paul Preuve", "criterion_ids": self.criterion_rsa.ids}
        )
        form = self._wizard_form(person)
        self.assertTrue(form.proof_required)
        wizard = form.save()
        with self.assertRaisesRegex(UserError, "Joignez le justificatif du diagnostic"):
            wizard.action_validate()
        self.assertEqual(person.eligibility_state, "to_check")
        person.pass_iae_number = "999991234567"
        wizard = self._wizard_form(person).save()
        self.assertFalse(wizard.proof_required)
        wizard.action_validate()
        self.assertEqual(person.eligibility_state, "validated")
        self.assertEqual(person.eligibility_date, self.today)

    def test_criteria_levels_by_siae_kind(self):
        level_2 = self.env["social.clause.criterion"].search(
            [("level", "=", "2")], limit=3
        )
        self.assertEqual(len(level_2), 3)
        aci = self.env["res.partner"].create(
            {
                "name": "Jardins ACI",
                "is_company": True,
                "social_clause_employer_kind": "aci",
            }
        )
        person = self.env["social.clause.participant"].create(
            {
                "name": "Sam Siae",
                "criterion_ids": level_2[:2].ids,
                "firm_ids": aci.ids,
                "pass_iae_number": "999991234568",
            }
        )
        wizard = self._wizard_form(person).save()
        with self.assertRaisesRegex(
            UserError, "un critère de niveau 1 ou 3 critères de niveau 2"
        ):
            wizard.action_validate()
        person.criterion_ids = level_2
        wizard.action_validate()
        self.assertEqual(person.eligibility_state, "validated")

    def test_pool_and_candidacy_use_the_diagnosis_date(self):
        Participant = self.env["social.clause.participant"]
        person = self._create_eligible_participant("Future Diagnosis")
        person.eligibility_date = self.today + timedelta(days=10)
        pool = Participant.search(Participant._pool_eligible_domain())
        self.assertNotIn(person, pool)
        self.assertIn(self.participant, pool)
        self.assertFalse(person._is_eligible_on(self.today, self.today))


@tagged("post_install", "-at_install")
class TestPortalImportModality(PortalMonthCommon):
    """The commitment's chosen modalities: the portal file import refuses
    the others, as the form does (#16 finding 9)."""

    HEADER = "Participant;Lot;Entreprise;Mois;Heures;Modalité\n"

    def test_import_refuses_a_modality_not_chosen(self):
        self.commitment_a.modality_ids = [
            Command.set(self.env.ref("social_clause.modality_hire_cdi").ids)
        ]
        self._login(self.user_a)
        before = self._written_counts()
        rows = [
            (self.participant_a.reference, "hire_cdi", "10"),
            ("Hugo Hired", "hire_cdd", "12"),
        ]
        content = (
            self.HEADER
            + "".join(
                f"{person};{self.lot_masonry.reference};Alpha Builders;"
                f"{self.month};{hours};{modality}\n"
                for person, modality, hours in rows
            )
        ).encode()
        response = self._post(
            self.commitment_a,
            "import",
            files=[
                ("hours_file", ("heures.csv", content, "text/csv")),
                ("proof_file", ("releve.pdf", PDF, "application/pdf")),
            ],
        )
        self.assertEqual(response.status_code, 200)
        text = self._text(response)
        self.assertIn("Rien n'a été importé", text)
        self.assertIn(
            "Ligne 3 : la modalité hire_cdd ne fait pas partie de celles choisies "
            "pour l'engagement",
            text,
        )
        self.assertNotIn("Ligne 2 ", text)
        self.assertEqual(self._written_counts(), before)


@tagged("post_install", "-at_install")
class TestCandidacyEligibility(IntermediationCase):
    def test_accepting_a_proposal_needs_an_eligibility_valid_today(self):
        """Not a bare "validated" state: an expired eligibility is refused."""
        person = self._pool_person("Eva Expirée")
        candidacy = self.offer._add_candidates(person).with_user(self.facilitator)
        person.eligibility_date = self.today - relativedelta(months=30)
        with self.assertRaisesRegex(UserError, "Validez l'éligibilité"):
            candidacy.action_accept_proposal()
        person.eligibility_date = self.today - relativedelta(months=3)
        candidacy.action_accept_proposal()
        self.assertTrue(candidacy.proposal_checked)
