# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import datetime
import io
from unittest.mock import patch

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..models.common import copy_rows
from ..wizards import social_clause_hour_import
from .common import SocialClauseBaseCase, make_user

HEADER = "participant;lot;firm;month;hours;modality"


@tagged("post_install", "-at_install")
class TestHourImport(SocialClauseBaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Facilitators read the report in French (the base's environment): it
        # is asserted as they read it.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Hour = cls.env["social.clause.hour"]
        cls.max_hours = cls.env.company.social_clause_monthly_hours_max
        cls.this_month = fields.Date.context_today(cls.Hour).replace(day=1)
        cls.last_month = cls.this_month - relativedelta(months=1)
        cls.month = cls.last_month.strftime("%Y-%m")
        buyer = cls.env["res.partner"].create(
            {
                "name": "Ville de Lyon",
                "is_company": True,
                "social_clause_buyer_kind": "local_authority",
            }
        )
        Partner = cls.env["res.partner"]
        cls.firm_a = Partner.create(
            {
                "name": "Bâtir SAS",
                "is_company": True,
                "company_registry": "12345678200010",
            }
        )
        cls.firm_b = Partner.create(
            {"name": "Peinture Rhône", "is_company": True, "vat": "FR32123456789"}
        )
        cls.firm_c = Partner.create(
            {"name": "Sans Engagement", "is_company": True, "ref": "FIRM-C"}
        )
        cls.operation = cls.env["social.clause.operation"].create(
            {
                "name": "Groupe scolaire Jean Moulin",
                "buyer_id": buyer.id,
                "lot_ids": [
                    (0, 0, {"name": "Gros oeuvre", "amount_untaxed": 1_000_000}),
                    (0, 0, {"name": "Peinture", "amount_untaxed": 300_000}),
                ],
            }
        )
        cls.lot_1, cls.lot_2 = cls.operation.lot_ids
        Commitment = cls.env["social.clause.commitment"]
        cls.commitment_a1 = Commitment.create(
            {
                "lot_id": cls.lot_1.id,
                "partner_id": cls.firm_a.id,
                "hours_committed": 500,
            }
        )
        cls.commitment_b2 = Commitment.create(
            {
                "lot_id": cls.lot_2.id,
                "partner_id": cls.firm_b.id,
                "hours_committed": 200,
            }
        )
        cls.operation.action_calibrate()
        cls.operation.action_consultation()
        cls.operation.action_execution()
        criterion = cls.env["social.clause.criterion"].search([], limit=1)
        cls.participants = cls.env["social.clause.participant"].create(
            [
                {"name": name, "criterion_ids": [(6, 0, criterion.ids)]}
                for name in ("Amina Diallo", "Bruno Martin", "Chloé Petit")
            ]
        )
        for participant in cls.participants:  # message_post wants one record
            participant.action_validate_eligibility()
        # Eligible for some months already, so that past hours validate.
        cls.participants.write(
            {"eligibility_date": cls.last_month - relativedelta(months=6)}
        )
        cls.p1, cls.p2, cls.p3 = cls.participants

    # Helpers -------------------------------------------------------------------

    def _record_100_hours_of_p1_at_firm_a(self):
        self.Hour.create(
            {
                "participant_id": self.p1.id,
                "commitment_id": self.commitment_a1.id,
                "date": self.last_month,
                "hours": 100,
                "modality": "hire_cdi",
            }
        )

    def _csv(self, *rows, header=HEADER, separator=";"):
        lines = [header.replace(";", separator)] + [
            separator.join(str(cell) for cell in row) for row in rows
        ]
        return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")

    def _row(
        self,
        participant=None,
        lot=None,
        firm="12345678200010",
        month=None,
        hours="35",
        modality="hire_cdd",
    ):
        return (
            self._reference(participant or self.p1),
            self._reference(lot or self.lot_1),
            firm,
            month or self.month,
            hours,
            modality,
        )

    @staticmethod
    def _reference(record_or_text):
        if isinstance(record_or_text, str):
            return record_or_text
        return record_or_text.reference

    def _import(self, content, filename="hours.csv", **values):
        wizard = self.env["social.clause.hour.import"].create(
            {"file": base64.b64encode(content), "filename": filename, **values}
        )
        wizard.action_import()
        return wizard

    def assertImportFails(self, content, *messages):
        count = self.Hour.search_count([])
        wizard = self._import(content)
        self.assertEqual(wizard.state, "error", wizard.report)
        self.assertEqual(wizard.created_count, 0)
        for message in messages:
            self.assertIn(message, wizard.report)
        self.assertEqual(self.Hour.search_count([]), count, "nothing is written")
        return wizard

    # Valid files ---------------------------------------------------------------

    def test_csv_imports_all_rows(self):
        content = self._csv(
            self._row(hours="35,5"),
            self._row(
                participant=self.p2,
                firm="FR32123456789",
                lot=self.lot_2,
                hours="70",
                modality="Provision by a GEIQ",
            ),
            self._row(
                participant=self.p3,
                firm="Bâtir SAS",
                month=self.last_month.strftime("%Y-%m-01"),
                modality="hire_cdi",
            ),
        )
        wizard = self._import(content)
        self.assertEqual(wizard.state, "done", wizard.report)
        self.assertEqual((wizard.line_count, wizard.created_count), (3, 3))
        self.assertEqual(wizard.skipped_count, 0)
        hours = self.Hour.search([("participant_id", "in", self.participants.ids)])
        self.assertEqual(len(hours), 3)
        self.assertAlmostEqual(sum(hours.mapped("hours")), 140.5)
        self.assertEqual(set(hours.mapped("state")), {"submitted"})
        self.assertEqual(set(hours.mapped("declared_by")), {"import"})
        self.assertEqual(set(hours.mapped("date")), {self.last_month})
        line_p2 = hours.filtered(lambda h: h.participant_id == self.p2)
        self.assertEqual(line_p2.commitment_id, self.commitment_b2)
        self.assertEqual(line_p2.modality, "provision_geiq")
        # The fields related to the commitment are stored as the ORM computes them.
        self.assertEqual(
            (line_p2.lot_id, line_p2.partner_id, line_p2.operation_id),
            (self.lot_2, self.firm_b, self.operation),
        )
        self.assertEqual(line_p2.company_id, self.operation.company_id)
        self.assertFalse(any(hours.mapped("is_counted")))
        # Imported lines go through the normal validation.
        hours.action_validate()
        self.assertTrue(all(hours.mapped("is_counted")))
        self.assertAlmostEqual(self.commitment_a1.hours_done, 70.5)
        self.assertAlmostEqual(self.lot_2.hours_done, 70)

    def test_csv_comma_separator_and_french_headers(self):
        content = self._csv(
            self._row(participant=self.p1, hours="12.5"),
            header="Participant,Lot,Entreprise,Mois,Heures,Modalité",
            separator=",",
        )
        wizard = self._import(content, submit=False)
        self.assertEqual(wizard.state, "done", wizard.report)
        line = self.Hour.search([("participant_id", "=", self.p1.id)])
        self.assertEqual((line.hours, line.state), (12.5, "draft"))

    def test_xlsx_import(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Participant", "Lot", "Entreprise", "Mois", "Heures", "Modalité"])
        sheet.append(
            [
                self.p1.reference,
                self.lot_1.reference,
                12345678200010,
                datetime.datetime.combine(self.last_month, datetime.time()),
                20,
                "Direct hire: CDD",
            ]
        )
        sheet.append(
            [
                self.p2.name,
                self.lot_2.reference,
                "FR 32 123 456 789",
                self.month,
                "7,5",
                "hire_site",
            ]
        )
        output = io.BytesIO()
        book.save(output)
        wizard = self._import(output.getvalue(), filename="heures.xlsx")
        self.assertEqual(wizard.state, "done", wizard.report)
        self.assertEqual(wizard.created_count, 2)
        line_p2 = self.Hour.search([("participant_id", "=", self.p2.id)])
        self.assertEqual(line_p2.hours, 7.5)
        self.assertEqual(line_p2.commitment_id, self.commitment_b2)

    # Idempotence ---------------------------------------------------------------

    def test_import_twice_counts_once(self):
        content = self._csv(
            self._row(),
            self._row(participant=self.p2, hours="40"),
        )
        count = self.Hour.search_count([])
        first = self._import(content)
        self.assertEqual(first.created_count, 2)
        self.assertEqual(self.Hour.search_count([]), count + 2)
        total = sum(self.Hour.search([]).mapped("hours"))
        second = self._import(content)
        self.assertEqual(second.state, "done", second.report)
        self.assertEqual((second.created_count, second.skipped_count), (0, 2))
        self.assertEqual(sum(self.Hour.search([]).mapped("hours")), total)
        self.assertEqual(self.Hour.search_count([]), count + 2)

    def test_same_key_other_hours_is_an_error(self):
        self._import(self._csv(self._row(hours="35")))
        self.assertImportFails(
            self._csv(self._row(hours="36")),
            "Ligne 2 :",
            "une ligne existe déjà",
            "avec 35 heures (le fichier en indique 36)",
        )

    def test_rejected_line_does_not_block_a_new_import(self):
        self._import(self._csv(self._row(hours="35")))
        self.Hour.search([("operation_id", "=", self.operation.id)]).action_reject(
            "No payslip"
        )
        wizard = self._import(self._csv(self._row(hours="30")))
        self.assertEqual(wizard.created_count, 1, wizard.report)

    # Errors: all or nothing ----------------------------------------------------

    def test_each_error_is_reported_and_nothing_written(self):
        next_month = self.this_month + relativedelta(months=1)
        future, future_label = (
            next_month.strftime("%Y-%m"),
            next_month.strftime("%m/%Y"),
        )
        content = self._csv(
            self._row(),  # row 2 is fine
            self._row(participant="P-99999", hours="10"),
            self._row(lot="LOT-99999", hours="5"),
            self._row(participant=self.p2, firm="73282932000074"),
            self._row(participant=self.p2, firm="FIRM-C"),
            self._row(participant=self.p2, hours="-3"),
            self._row(participant=self.p2, hours="abc"),
            self._row(participant=self.p2, month="13/2025"),
            self._row(participant=self.p2, month=future),
            self._row(participant=self.p2, modality="volunteering"),
            self._row(
                participant=self.p2, lot=self.lot_2, firm="FR32123456789", hours="0"
            ),
            self._row(),  # row 12 duplicates row 2
        )
        wizard = self.assertImportFails(
            content,
            "Ligne 3 : participant P-99999 inconnu",
            "Ligne 4 : lot LOT-99999 inconnu",
            "Ligne 5 : entreprise 73282932000074 inconnue",
            "Ligne 6 : l'entreprise FIRM-C n'a pas d'engagement sur le lot",
            "Ligne 7 : Le nombre d'heures doit être supérieur à zéro (« -3 »)",
            "Ligne 8 : Saisissez les heures sous forme de nombre, par exemple 35 ou "
            "12,5 (« abc » n'en est pas un)",
            "Ligne 9 : « 13/2025 » n'est pas un mois",
            f"Ligne 10 : Impossible de déclarer des heures pour un mois à venir "
            f"({future_label})",
            "Ligne 11 : modalité « volunteering » inconnue",
            "Ligne 12 : Le nombre d'heures doit être supérieur à zéro (« 0 »)",
            "Ligne 13 : même participant, entreprise, lot, mois et modalité que la "
            "ligne 2",
        )
        self.assertEqual(wizard.error_count, 11)
        self.assertNotIn("Ligne 2 :", wizard.report)

    def test_one_bad_row_among_good_ones_imports_nothing(self):
        content = self._csv(
            self._row(),
            self._row(participant=self.p2),
            self._row(participant="P-00000-X", hours="10"),
            self._row(participant=self.p3),
        )
        self.assertImportFails(content, "Ligne 4 : participant P-00000-X inconnu")

    def test_monthly_maximum_across_firms(self):
        """An existing line at firm A plus a file row at firm B over a full-time
        month: refused."""
        self._record_100_hours_of_p1_at_firm_a()
        content = self._csv(
            self._row(lot=self.lot_2, firm="FR32123456789", hours="60"),
            self._row(participant=self.p2, lot=self.lot_2, firm="FR32123456789"),
        )
        self.assertImportFails(
            content,
            "Ligne 2 : Amina Diallo totaliserait 160 heures sur "
            f"{self.last_month.strftime('%m/%Y')} (dont 100 déjà enregistrées, "
            "toutes entreprises confondues)",
            "Lignes du fichier : 2.",
        )
        # Under the maximum, the same row goes through.
        wizard = self._import(
            self._csv(self._row(lot=self.lot_2, firm="FR32123456789", hours="50"))
        )
        self.assertEqual(wizard.state, "done", wizard.report)

    def test_monthly_maximum_within_the_file(self):
        content = self._csv(
            self._row(hours="100"),
            self._row(lot=self.lot_2, firm="FR32123456789", hours="100"),
        )
        self.assertImportFails(
            content, "Ligne 3 : Amina Diallo totaliserait 200 heures", "fichier : 2, 3."
        )

    def test_bulk_insert_reads_the_monthly_maximum_once(self):
        """Inserted in bulk, by batches, the lines of a file have their
        monthly maximum checked once for the whole file, under the
        participants' lock, not again by each batch; a file over the maximum
        is still refused whole."""
        Hour = type(self.Hour)
        original = Hour._monthly_hours_overruns
        calls = []

        def overruns(records, keys, planned=None):
            calls.append(len(planned or {}))
            return original(records, keys, planned=planned)

        rows = [self._row(participant=participant) for participant in self.participants]
        with (
            patch.object(social_clause_hour_import, "BULK_INSERT_MIN", 0),
            patch.object(social_clause_hour_import, "CREATE_BATCH", 1),
            patch.object(Hour, "_monthly_hours_overruns", overruns),
        ):
            wizard = self._import(self._csv(*rows))
            self.assertEqual(wizard.created_count, len(rows), wizard.report)
            self.assertEqual(calls, [len(rows)], "one check, every row planned")
            earlier = (self.last_month - relativedelta(months=1)).strftime("%Y-%m")
            self.assertImportFails(
                self._csv(
                    self._row(participant=self.p2, month=earlier, hours="100"),
                    self._row(
                        participant=self.p2,
                        lot=self.lot_2,
                        firm="FR32123456789",
                        month=earlier,
                        hours="100",
                    ),
                ),
                "Ligne 3 : Bruno Martin totaliserait 200 heures",
            )

    def test_closed_operation_takes_no_hours(self):
        self.operation.action_close()
        self.assertImportFails(
            self._csv(self._row()),
            "Ligne 2 : L'opération",
            "est à l'état « clôturée » : elle n'accepte plus d'heures.",
        )

    def test_missing_column(self):
        wizard = self.env["social.clause.hour.import"].create(
            {
                "file": base64.b64encode(
                    b"participant;lot;month;hours\nP-1;L;2025-01;3\n"
                ),
                "filename": "hours.csv",
            }
        )
        with self.assertRaisesRegex(UserError, "Manquantes : SIRET, Modalité"):
            wizard.action_import()

    # Template ------------------------------------------------------------------

    def test_template_download(self):
        wizard = self.env["social.clause.hour.import"].create({})
        action = wizard.action_download_template()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"id={wizard.id}", action["url"])
        self.assertIn("field=template_file", action["url"])
        self.assertTrue(wizard.template_filename.endswith(".xlsx"))
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(wizard.template_file))
        )
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        # French headers, and an example as a firm would fill it in.
        self.assertEqual(
            list(rows[0][:6]),
            ["Participant", "Lot", "SIRET", "Mois", "Heures", "Modalité"],
        )
        self.assertEqual(
            rows[1][2:5], ("12345678200010", self.last_month.strftime("%m/%Y"), 151.67)
        )
        labels = dict(self.Hour._fields["modality"]._description_selection(self.env))
        self.assertEqual(rows[1][5], labels["hire_cdi"])
        self.assertEqual(rows[1][5].replace("\xa0", " "), "Embauche directe : CDI")
        modalities = list(book.worksheets[1].iter_rows(values_only=True))
        self.assertEqual(modalities[0][:2], ("Modalité", "Code"))
        self.assertIn(
            ("Mise à disposition par une ETTI", "provision_etti"),
            [row[:2] for row in modalities],
        )
        # The template, filled in, imports as it is.
        sheet = book.worksheets[0]
        sheet["A2"], sheet["B2"] = self.p1.reference, self.lot_1.reference
        output = io.BytesIO()
        book.save(output)
        result = self._import(output.getvalue(), filename="template.xlsx")
        self.assertEqual(result.state, "done", result.report)
        self.assertEqual(result.created_count, 1)
        line = self.Hour.search([("participant_id", "=", self.p1.id)])
        self.assertRecordValues(
            line, [{"hours": 151.67, "modality": "hire_cdi", "date": self.last_month}]
        )

    # Lots by name, modalities by short name or French label --------------------

    def test_lot_by_name_and_modality_by_short_name_or_label(self):
        content = self._csv(
            self._row(lot="Gros oeuvre", modality="CDI"),
            self._row(
                participant=self.p2,
                lot="Peinture",
                firm="FR32123456789",
                modality="ETTI",
            ),
            self._row(participant=self.p3, modality="Embauche directe : CDI"),
            self._row(
                participant=self.p3, lot="Gros oeuvre", modality="geiq", hours="7,25"
            ),
        )
        wizard = self._import(content)
        self.assertEqual(wizard.state, "done", wizard.report)
        lines = self.Hour.search(
            [("participant_id", "in", self.participants.ids)], order="id"
        )
        self.assertEqual(
            [(line.participant_id, line.lot_id, line.modality) for line in lines],
            [
                (self.p1, self.lot_1, "hire_cdi"),
                (self.p2, self.lot_2, "provision_etti"),
                (self.p3, self.lot_1, "hire_cdi"),
                (self.p3, self.lot_1, "provision_geiq"),
            ],
        )

    def test_lot_name_shared_by_two_operations(self):
        """Another operation has a lot of the same name: the firm's commitment
        tells which one is meant; without one on either, it is an error."""
        other = self.env["social.clause.operation"].create(
            {
                "name": "Gymnase",
                "buyer_id": self.operation.buyer_id.id,
                "lot_ids": [(0, 0, {"name": "Gros oeuvre", "amount_untaxed": 1000})],
            }
        )
        wizard = self._import(self._csv(self._row(lot="Gros oeuvre")))
        self.assertEqual(wizard.state, "done", wizard.report)
        self.assertEqual(
            self.Hour.search([("participant_id", "=", self.p1.id)]).lot_id, self.lot_1
        )
        self.env["social.clause.commitment"].create(
            {"lot_id": other.lot_ids.id, "partner_id": self.firm_a.id}
        )
        self.assertImportFails(
            self._csv(self._row(participant=self.p2, lot="Gros oeuvre")),
            "Ligne 2 : plusieurs engagements correspondent à l'entreprise",
        )

    # A firm's own file ---------------------------------------------------------

    def test_firm_file_tells_nothing_of_other_firms(self):
        """Firm B's file: the maximum is told without the hours firm A
        declared, and firm A's commitments are not B's to fill."""
        self._record_100_hours_of_p1_at_firm_a()
        self.p1.firm_ids = [(4, self.firm_b.id)]
        self.p2.firm_ids = [(4, self.firm_b.id)]
        count = self.Hour.search_count([])
        wizard = self._import(
            self._csv(
                self._row(lot=self.lot_2, firm="", hours="60"),
                self._row(participant=self.p2, lot=self.lot_1, firm=""),
                self._row(participant=self.p3, lot=self.lot_2, firm=""),
            ),
            partner_id=self.firm_b.id,
        )
        self.assertEqual(wizard.state, "error")
        self.assertEqual(self.Hour.search_count([]), count)
        month = self.last_month.strftime("%m/%Y")
        self.assertIn(
            f"Ligne 2 : Amina Diallo dépasserait le maximum mensuel de 151,67 heures "
            f"pour {month}.",
            wizard.report,
        )
        self.assertNotIn("160", wizard.report)
        self.assertNotIn("100", wizard.report)
        self.assertIn(
            "Ligne 3 : votre entreprise n'a pas d'engagement sur un lot",
            wizard.report,
        )
        # Chloé is not placed with firm B: unknown to it.
        self.assertIn(
            f"Ligne 4 : participant {self.p3.reference} inconnu", wizard.report
        )
        # The facilitator's own import of the same row tells the total.
        wizard = self._import(
            self._csv(self._row(lot=self.lot_2, firm="FR32123456789", hours="60"))
        )
        self.assertIn("Amina Diallo totaliserait 160 heures", wizard.report)

    def test_partner_form_labels_the_siret(self):
        """The import finds firms by SIRET: the partner form calls it so."""
        arch = self.env["res.partner"].get_view(
            self.env.ref("base.view_partner_form").id
        )["arch"]
        self.assertRegex(arch, r'name="company_registry"[^>]*string="SIRET"')

    # Background import ---------------------------------------------------------

    def _background_job(self, content, filename="hours.csv"):
        wizard = self.env["social.clause.hour.import"].create(
            {"file": base64.b64encode(content), "filename": filename}
        )
        action = wizard.action_import_in_background()
        job = self.env["social.clause.import.job"].browse(action["res_id"])
        self.assertEqual((job.state, job.progress, job.name), ("queued", 0, filename))
        cron = self.env.ref("social_clause.ir_cron_social_clause_import_job")
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
            "the cron is triggered at once",
        )
        return job

    def _run_jobs(self):
        """Run the cron as the scheduler does; returns the progress the user
        saw, in order."""
        # As in production, the job's progress goes through a cursor of its
        # own: in a test, one sharing the test's transaction.
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        Job = type(self.env["social.clause.import.job"])
        seen = []
        original = Job._set_progress

        def record(job, percent, **values):
            seen.append((percent, values.get("state")))
            return original(job, percent, **values)

        with patch.object(Job, "_set_progress", record):
            self.env["social.clause.import.job"]._cron_process_jobs()
        return seen

    def test_background_import_progress_and_result(self):
        rows = [self._row(participant=participant) for participant in self.participants]
        job = self._background_job(self._csv(*rows))
        seen = self._run_jobs()
        self.assertEqual(seen[0], (0, "running"))
        self.assertEqual(seen[-1], (100, "done"))
        percents = [percent for percent, __ in seen if percent is not None]
        self.assertEqual(percents, sorted(percents), "the progress only goes up")
        self.assertIn(40, percents)
        self.assertIn(60, percents)
        self.assertEqual((job.state, job.progress, job.line_count), ("done", 100, 3))
        self.assertIn("3 ligne(s) lue(s)", job.report)
        hours = self.Hour.search([("participant_id", "in", self.participants.ids)])
        self.assertEqual(len(hours), 3)
        self.assertEqual(set(hours.mapped("declared_by")), {"import"})
        # The user who asked is told, in the job's chatter.
        message = job.message_ids[0]
        self.assertIn("terminé", message.body)
        self.assertIn(self.env.user.partner_id, message.partner_ids)

    def test_background_import_wrong_row_leaves_nothing(self):
        count = self.Hour.search_count([])
        job = self._background_job(
            self._csv(self._row(), self._row(participant=self.p2, hours="abc"))
        )
        self._run_jobs()
        self.assertEqual(job.state, "failed")
        self.assertIn("Rien n'a été importé", job.report)
        self.assertIn("Ligne 3 :", job.report)
        self.assertEqual(self.Hour.search_count([]), count)
        self.assertIn("échoué", job.message_ids[0].body)

    def test_background_import_failure_while_creating_leaves_nothing(self):
        """The creation fails after a first batch was written: the job is
        failed and not a line of the file remains."""
        rows = [self._row(participant=participant) for participant in self.participants]
        job = self._background_job(self._csv(*rows))
        counts = (
            self.Hour.search_count([]),
            self.env["social.clause.hour.import"].search_count([]),
        )
        Hour = type(self.Hour)
        calls = []
        original = Hour.create
        disk_full = "Le disque est plein."

        def create(records, vals_list):
            calls.append(len(vals_list))
            if len(calls) == 2:
                raise ValidationError(disk_full)
            return original(records, vals_list)

        with (
            patch.object(social_clause_hour_import, "CREATE_BATCH", 1),
            patch.object(Hour, "create", create),
        ):
            self._run_jobs()
        self.assertEqual(calls, [1, 1], "a first line was created, then it failed")
        self.assertEqual(job.state, "failed")
        self.assertIn("Le disque est plein.", job.report)
        self.assertEqual(
            (
                self.Hour.search_count([]),
                self.env["social.clause.hour.import"].search_count([]),
            ),
            counts,
        )

    def test_background_jobs_are_their_users_own(self):
        job = self._background_job(self._csv(self._row()))
        other = make_user(
            self.env,
            "autre.animatrice",
            "social_clause.group_user",
            name="Autre animatrice",
        )
        Job = self.env["social.clause.import.job"].with_user(other)
        self.assertFalse(Job.search([("id", "=", job.id)]))
        with self.assertRaises(AccessError):
            job.with_user(other).write({"state": "done"})

    def _stored_after_import(self):
        """What the database holds of the imported lines and their totals."""
        self.env.invalidate_all()
        lines = self.Hour.search(
            [("participant_id", "in", self.participants.ids)], order="id"
        )
        stored = [
            name
            for name, field in self.Hour._fields.items()
            if field.store and name not in ("id", "create_date", "write_date")
        ]
        totals = (
            (self.participants, ["hours_done"]),
            (
                self.commitment_a1 | self.commitment_b2,
                ["hours_submitted", "hours_done", "progress"],
            ),
            (self.lot_1 | self.lot_2, ["hours_done", "progress"]),
            (self.operation, ["hours_done"]),
        )
        return {
            "lines": [{name: line[name] for name in stored} for line in lines],
            "totals": [
                (record._name, record.id, name, record[name])
                for records, names in totals
                for record in records
                for name in names
            ],
        }

    def test_copy_rows_writes_values_as_they_are(self):
        """The bulk path's COPY (common.copy_rows) reads back every value as
        written: NULLs, booleans, dates, floats, text with the characters
        COPY's format escapes."""
        self.env.cr.execute(
            "CREATE TEMPORARY TABLE copy_check (id int4, note varchar, done bool,"
            " month date, stamp timestamp, hours float8, amount numeric)"
        )
        rows = [
            (
                1,
                "tab\there, line\nbreak, back\\slash \\N, \r, é, 'quote'",
                True,
                datetime.date(2026, 10, 1),
                datetime.datetime(2026, 12, 5, 13, 45, 1, 250),
                0.1 + 0.2,
                35.5,
            ),
            (2, None, False, None, None, None, None),
            (3, "", None, datetime.date(2025, 1, 31), None, -1e-7, 0.0),
        ]
        names = ["id", "note", "done", "month", "stamp", "hours", "amount"]
        copy_rows(self.env.cr, "copy_check", names, rows)
        self.env.cr.execute(
            "SELECT id, note, done, month, stamp, hours, amount::float8"
            " FROM copy_check ORDER BY id"
        )
        self.assertEqual(self.env.cr.fetchall(), rows)

    def test_bulk_insert_matches_the_orm(self):
        """From BULK_INSERT_MIN lines, the import inserts them in SQL: the
        lines and the totals that depend on them are those the ORM's create
        writes."""
        rows = [
            self._row(participant=participant, month=month.strftime("%Y-%m"))
            for participant in self.participants
            for month in (self.last_month, self.last_month - relativedelta(months=1))
        ] + [self._row(participant=self.p2, lot=self.lot_2, firm="FR32123456789")]
        content = self._csv(*rows)
        results = {}
        for path, minimum in (("bulk", 0), ("orm", 10**9)):
            savepoint = self.env.cr.savepoint()
            try:
                with patch.object(
                    social_clause_hour_import, "BULK_INSERT_MIN", minimum
                ):
                    wizard = self._import(content)
                self.assertEqual(wizard.created_count, len(rows), wizard.report)
                results[path] = self._stored_after_import()
            finally:
                savepoint.close(rollback=True)
            self.env.invalidate_all()
        self.assertEqual(len(results["bulk"]["lines"]), len(rows))
        self.assertEqual(results["bulk"], results["orm"])
        # Validated, the bulk lines count as the ORM's do.
        with patch.object(social_clause_hour_import, "BULK_INSERT_MIN", 0):
            self._import(content)
        lines = self.Hour.search([("participant_id", "in", self.participants.ids)])
        self.assertAlmostEqual(self.commitment_a1.hours_submitted, 35 * 6)
        lines.action_validate()
        self.assertAlmostEqual(self.commitment_a1.hours_done, 35 * 6)
        self.assertAlmostEqual(self.lot_2.hours_done, 35)
