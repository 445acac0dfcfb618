# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.pdf import OdooPdfFileWriter, PdfFileReader


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """The module's documents read figures as superuser: check first that
        the user may read the records printed (Odoo does not, and a value in
        the cache is read without any check), e.g. a facilitator of another
        company or another firm asking ``/report/pdf/...`` for them."""
        if docids and report.model.startswith("social.clause."):
            self.env[report.model].browse(docids).check_access("read")
        return super()._get_rendering_context(report, docids, data)

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        """The module's documents get their page numbers stamped on the PDF
        of each record: Debian's wkhtmltopdf (unpatched Qt) prints no footer,
        where Odoo's layouts put them. Stamped once the print is split by
        record, so each bilan of a batch counts its own pages."""
        streams = super()._render_qweb_pdf_prepare_streams(
            report_ref, data, res_ids=res_ids
        )
        report = self._get_report(report_ref)
        if not (report.report_name or "").startswith("social_clause."):
            return streams
        for values in streams.values():
            if values["stream"] and not values["attachment"]:
                content = values["stream"].getvalue()
                values["stream"] = io.BytesIO(
                    self._social_clause_stamp_page_numbers(content)
                )
        return streams

    def _social_clause_stamp_page_numbers(self, pdf_content):
        """ "Page n / total" at the bottom right of each page."""
        reader = PdfFileReader(io.BytesIO(pdf_content), strict=False)
        total = len(reader.pages)
        packet = io.BytesIO()
        stamp = canvas.Canvas(packet)
        for index in range(total):
            box = reader.pages[index].mediabox
            width, height = float(abs(box.width)), float(abs(box.height))
            stamp.setPageSize((width, height))
            stamp.setFont("Helvetica", 8)
            stamp.setFillGray(0.4)
            stamp.drawRightString(
                width - 28,
                18,
                self.env._("Page %(page)s / %(total)s", page=index + 1, total=total),
            )
            stamp.showPage()
        stamp.save()
        numbers = PdfFileReader(packet, strict=False)
        writer = OdooPdfFileWriter()
        for index, page in enumerate(reader.pages):
            page.merge_page(numbers.pages[index])
            writer.add_page(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
