# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

_logger = logging.getLogger(__name__)

IMPORT_MODELS = [
    ("social.clause.hour.import", "Insertion hours"),
    ("social.clause.siae.import", "Directory of inclusive enterprises"),
]


class SocialClauseImportJob(models.Model):
    """A file import run in the background by a cron triggered at once: a
    million rows do not fit in a web request. Odoo's own means (ir.cron
    with _trigger and _notify_progress) rather than OCA queue_job: one
    more dependency and a job runner to deploy for a single kind of job.

    The import keeps the wizard's promise, all or nothing: every row is
    checked, then all the lines are created in the cron's one transaction.
    The state and progress of the job are written through a cursor of
    their own, committed at once, so the user follows them while the
    import itself is not committed; a failure rolls the import back
    whole."""

    _name = "social.clause.import.job"
    _inherit = ["mail.thread"]
    _description = "Background file import"
    _order = "id desc"

    name = fields.Char(string="File name", required=True, readonly=True)
    import_model = fields.Selection(IMPORT_MODELS, required=True, readonly=True)
    options = fields.Json(readonly=True)
    file = fields.Binary(attachment=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Requested by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        default="queued",
        required=True,
        readonly=True,
    )
    progress = fields.Float(readonly=True, help="Percentage of the work done.")
    line_count = fields.Integer(string="Rows read", readonly=True)
    report = fields.Text(readonly=True)
    date_done = fields.Datetime(string="Finished on", readonly=True)

    @api.model
    def _cron_process_jobs(self):
        """Run the oldest queued import; tell the cron how many remain, so
        that it calls again at once (each job in its own transaction)."""
        jobs = self.search([("state", "=", "queued")], order="id")
        if not jobs:
            return
        jobs[0]._process()
        self.env["ir.cron"]._notify_progress(done=1, remaining=len(jobs) - 1)

    def _process(self):
        self.ensure_one()
        # The messages in the language of the user who asked for the import.
        self = self.with_context(lang=self.user_id.lang)  # noqa: PLW0642
        self._set_progress(0, state="running")
        values = {}
        try:
            with self.env.cr.savepoint():
                values = self._run_import()
                if values.get("state") != "done":
                    # Wrong rows: _import_file wrote nothing, but the wizard
                    # record goes too.
                    raise UserError(values["report"])
        except (UserError, ValidationError, AccessError) as error:
            report = error.args[0]
        except Exception:  # the import is rolled back whole; say so
            _logger.exception("Background import %s failed", self.id)
            report = _("An unexpected error stopped the import: nothing was imported.")
        else:
            report = values["report"]
        state = "done" if values.get("state") == "done" else "failed"
        self._set_progress(
            100 if state == "done" else None,
            state=state,
            report=report,
            line_count=values.get("line_count", 0),
            date_done=fields.Datetime.now(),
        )
        self._notify_done()

    def _run_import(self):
        """The wizard of the import, as the user who asked for it, on the
        file streamed from its attachment."""
        Wizard = (
            self.env[self.import_model]
            .with_user(self.user_id)
            .with_company(self.company_id)
            .with_context(social_clause_import_job_id=self.id)
        )
        wizard = Wizard.create(dict(self.options or {}, filename=self.name))
        stream, size = self._open_file()
        with stream:
            return wizard._import_file(stream, size)

    def _open_file(self):
        """A binary stream of the file and its size, read from the
        filestore as it goes, not loaded whole."""
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", "file"),
                ],
                limit=1,
            )
        )
        if not attachment:
            raise UserError(_("The file of the import is missing."))
        if attachment.store_fname:
            path = attachment._full_path(attachment.store_fname)
            return open(path, "rb"), attachment.file_size  # noqa: SIM115
        return io.BytesIO(attachment.raw), attachment.file_size

    def _set_progress(self, percent, **values):
        """Write the progress (and state) of the job in a transaction of its
        own, committed at once: the user sees it while the import runs."""
        if percent is not None:
            values["progress"] = round(min(max(percent, 0), 100), 1)
        with self.env.registry.cursor() as cr:
            job = self.with_env(self.env(cr=cr, su=True))
            job.write(values)
            job.flush_recordset()
        self.invalidate_recordset(list(values))

    def _notify_done(self):
        """A message in the job's chatter to its user (inbox or e-mail, as
        the user chose) and a notification in the open browser."""
        if self.state == "done":
            title = _("Import of %(file)s done", file=self.name)
        else:
            title = _("Import of %(file)s failed: nothing was imported", file=self.name)
        self.sudo().message_post(
            body=title,
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
        self.user_id._bus_send(
            "simple_notification",
            {
                "type": "success" if self.state == "done" else "danger",
                "title": title,
                "message": (self.report or "")[:500],
                "sticky": self.state != "done",
            },
        )
