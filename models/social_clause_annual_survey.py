# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import json

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .res_partner import DISABILITY_KINDS, SIAE_KINDS
from .social_clause_modality import HOUR_MODALITIES, MODALITY_FAMILY
from .social_clause_outcome_kind import DYNAMIC_CATEGORIES

# Hours of a legal full-time year in France (1,607 h): one full-time equivalent.
FTE_HOURS = 1607.0
# Bands of lot amounts (tax excluded): the national consolidation says most
# contracts with a clause are under 100 k€; the upper bounds are ours.
AMOUNT_BANDS = [
    ("under_100k", 0, 100_000),
    ("100k_1m", 100_000, 1_000_000),
    ("1m_5m", 1_000_000, 5_000_000),
    ("5m_plus", 5_000_000, None),
]


class SocialClauseAnnualSurvey(models.AbstractModel):
    """The figures of the national annual survey (Alliance Villes Emploi).

    One method computes every figure of a year, in a fixed number of grouped
    queries whatever the number of hour lines; the wizard's preview and the
    XLSX workbook both show what it returns.
    """

    _name = "social.clause.annual.survey"
    _description = "Annual activity survey"

    @api.model
    def _year_bounds(self, year):
        try:
            year = int(year)
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        except (TypeError, ValueError) as error:
            raise UserError(
                _("Give a year between 1900 and 9999, such as 2026.")
            ) from error

    @api.model
    def _check_survey_access(self):
        """Counts of participants come from sensitive fields: facilitators only."""
        if not self.env.user.has_group("social_clause.group_user"):
            raise AccessError(
                _("Only facilitators can produce the annual activity survey.")
            )

    # Scopes ------------------------------------------------------------------

    @api.model
    def _operation_domain(self, year, buyer=None):
        """Operations of the year: not draft or cancelled, works overlapping it."""
        start, end = self._year_bounds(year)
        domain = [
            ("state", "not in", ("draft", "cancelled")),
            "|",
            ("date_start", "=", False),
            ("date_start", "<=", end),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", start),
        ]
        if buyer:
            domain.append(("buyer_id", "=", buyer.id))
        return domain

    @api.model
    def _hour_domain(self, year, buyer=None):
        """Hours of the year that count: validated, eligibility valid."""
        start, end = self._year_bounds(year)
        domain = [
            ("is_counted", "=", True),
            ("date", ">=", start),
            ("date", "<=", end),
        ]
        if buyer:
            domain.append(("buyer_id", "=", buyer.id))
        return domain

    def _survey_lines(self, hours):
        """The counted lines of the survey for the themes, ``line``: the
        columns they read, straight from the lines with the conditions of
        the domain and the record rules (``hours``, a query), rather than
        the year's lines looked up again by their ids in each theme."""
        return SQL(
            "%s AS line",
            hours.subselect(
                *(
                    SQL.identifier(hours.table, column)
                    for column in (
                        "participant_id",
                        "partner_id",
                        "lot_id",
                        "modality",
                        "hours",
                    )
                )
            ),
        )

    def _rows(self, query, **params):
        self.env.cr.execute(SQL(query, **params))
        return self.env.cr.dictfetchall()

    @staticmethod
    def _labels(model, fname):
        return dict(model._fields[fname]._description_selection(model.env))

    @staticmethod
    def _share(part, whole):
        return round(100.0 * part / whole, 1) if whole else 0.0

    # The figures ------------------------------------------------------------------

    @api.model
    def _get_survey_data(self, year, buyer=None):
        """Every figure of the annual survey of ``year`` (optionally for one
        buyer), as a list of themes; each theme has a key, a title and tables
        of ``columns`` and ``rows`` (label first, then numbers; the last row
        of most tables is their total)."""
        self._check_survey_access()
        start, end = self._year_bounds(year)
        self.env.flush_all()
        # Record rules (companies) apply through the queries of _search; the
        # sensitive participant fields are read in SQL below, after the check.
        operations = self.env["social.clause.operation"]._search(
            self._operation_domain(year, buyer)
        )
        hours = self.env["social.clause.hour"]._search(self._hour_domain(year, buyer))
        operation_ids = operations.subselect()
        lines = self._survey_lines(hours)
        themes = [
            self._theme_operations(operation_ids),
            self._theme_lots(operation_ids),
            self._theme_hours(lines),
            self._theme_placements(lines),
            self._theme_participants(lines, start, end),
            self._theme_firms(operation_ids, lines),
            self._theme_outcomes(start, end, buyer),
        ]
        return {
            "year": int(year),
            "buyer": buyer.display_name if buyer else "",
            "themes": themes,
        }

    def _theme_operations(self, operation_ids):
        rows = self._rows(
            """
            SELECT buyer.social_clause_buyer_kind AS kind,
                   COUNT(DISTINCT operation.buyer_id) AS buyers,
                   COUNT(*) AS operations,
                   COALESCE(SUM(operation.amount_untaxed), 0) AS amount,
                   COALESCE(SUM(operation.hours_required), 0) AS hours_required
              FROM social_clause_operation operation
              JOIN res_partner buyer ON buyer.id = operation.buyer_id
             WHERE operation.id IN %(ids)s
          GROUP BY buyer.social_clause_buyer_kind
            """,
            ids=operation_ids,
        )
        total_buyers = self._rows(
            """
            SELECT COUNT(DISTINCT buyer_id) AS buyers
              FROM social_clause_operation WHERE id IN %(ids)s
            """,
            ids=operation_ids,
        )[0]["buyers"]
        table_rows = self._operation_kind_rows(rows, total_buyers)
        return {
            "key": "operations",
            "title": _("Operations and buyers"),
            "tables": [
                {
                    "title": _("Operations of the year by kind of buyer"),
                    "columns": [
                        _("Kind of buyer"),
                        _("Buyers"),
                        _("Operations"),
                        _("Amount (tax excl.)"),
                        _("Required hours"),
                    ],
                    "rows": table_rows,
                }
            ],
        }

    def _operation_kind_rows(self, rows, total_buyers):
        """Buyers, operations, amount and hours by kind of buyer, a total last."""
        by_kind = {row["kind"]: row for row in rows}
        kinds = self._labels(self.env["res.partner"], "social_clause_buyer_kind")
        table_rows = []
        for kind, label in [*kinds.items(), (None, _("Not set"))]:
            row = by_kind.get(kind)
            if row or kind:
                row = row or {}
                table_rows.append(
                    [
                        label,
                        row.get("buyers", 0),
                        row.get("operations", 0),
                        row.get("amount", 0.0),
                        row.get("hours_required", 0.0),
                    ]
                )
        table_rows.append(
            [
                _("Total"),
                total_buyers,
                sum(row["operations"] for row in rows),
                sum(row["amount"] for row in rows),
                sum(row["hours_required"] for row in rows),
            ]
        )
        return table_rows

    def _theme_lots(self, operation_ids):
        band_sql = self._amount_band_sql()
        rows = self._rows(
            """
            SELECT %(band)s AS band, lot.clause_type,
                   COUNT(*) AS lots,
                   COALESCE(SUM(lot.amount_untaxed), 0) AS amount,
                   COALESCE(SUM(lot.hours_required), 0) AS hours_required
              FROM social_clause_lot lot
             WHERE lot.operation_id IN %(ids)s
          GROUP BY 1, 2
            """,
            band=band_sql,
            ids=operation_ids,
        )
        band_labels = dict(self._amount_band_labels())
        clause_labels = self._labels(self.env["social.clause.lot"], "clause_type")
        by_band, by_type = {}, {}
        for row in rows:
            for key, totals in ((row["band"], by_band), (row["clause_type"], by_type)):
                total = totals.setdefault(key, [0, 0.0, 0.0])
                total[0] += row["lots"]
                total[1] += row["amount"]
                total[2] += row["hours_required"]
        total = [
            sum(row["lots"] for row in rows),
            sum(row["amount"] for row in rows),
            sum(row["hours_required"] for row in rows),
        ]
        columns = [_("Lots"), _("Amount (tax excl.)"), _("Required hours")]
        return {
            "key": "lots",
            "title": _("Lots with a clause"),
            "tables": [
                {
                    "title": _("Lots by amount band"),
                    "columns": [_("Amount band"), *columns],
                    "rows": [
                        [band_labels[key], *by_band.get(key, [0, 0.0, 0.0])]
                        for key, __, __ in AMOUNT_BANDS
                    ]
                    + [[_("Total"), *total]],
                },
                {
                    "title": _("Lots by clause type"),
                    "columns": [_("Clause type"), *columns],
                    "rows": [
                        [label, *by_type[key]]
                        for key, label in clause_labels.items()
                        if key in by_type
                    ]
                    + [[_("Total"), *total]],
                },
            ],
        }

    def _amount_band_sql(self):
        """The SQL key of a lot's amount band (``AMOUNT_BANDS``)."""
        return SQL(
            "CASE %s END",
            SQL(" ").join(
                SQL(
                    "WHEN lot.amount_untaxed >= %s AND lot.amount_untaxed < %s THEN %s",
                    low,
                    high,
                    key,
                )
                if high
                else SQL("WHEN lot.amount_untaxed >= %s THEN %s", low, key)
                for key, low, high in AMOUNT_BANDS
            ),
        )

    def _amount_band_labels(self):
        return [
            ("under_100k", _("Under 100,000 €")),
            ("100k_1m", _("100,000 € to 1 M€")),
            ("1m_5m", _("1 M€ to 5 M€")),
            ("5m_plus", _("5 M€ and more")),
        ]

    def _theme_hours(self, lines):
        rows = self._rows(
            """
            SELECT lot.sector_id, line.modality, SUM(line.hours) AS hours
              FROM %(lines)s
              JOIN social_clause_lot lot ON lot.id = line.lot_id
          GROUP BY lot.sector_id, line.modality
            """,
            lines=lines,
        )
        participants = self._rows(
            """
            SELECT COUNT(DISTINCT participant_id) AS count FROM %(lines)s
            """,
            lines=lines,
        )[0]["count"]
        family_labels = self._labels(self.env["social.clause.modality"], "family")
        families = list(family_labels)
        by_modality = {}
        for row in rows:
            by_modality[row["modality"]] = (
                by_modality.get(row["modality"], 0.0) + row["hours"]
            )
        total = sum(by_modality.values())
        return {
            "key": "hours",
            "title": _("Insertion hours"),
            "tables": [
                {
                    "title": _("Hours by sector and modality"),
                    "columns": [
                        _("Sector"),
                        *(family_labels[family] for family in families),
                        _("Total hours"),
                        _("FTE (1,607 h)"),
                    ],
                    "rows": self._hours_sector_rows(rows, families, by_modality),
                },
                {
                    "title": _("Hours by modality"),
                    "columns": [_("Modality"), _("Hours"), _("FTE (1,607 h)")],
                    "rows": self._hours_modality_rows(by_modality),
                },
                self._hours_summary_table(total, participants),
            ],
        }

    def _hours_sector_rows(self, rows, families, by_modality):
        """Hours by sector and modality family, a total row last."""
        sectors = self.env["social.clause.sector"].browse(
            sorted({row["sector_id"] for row in rows if row["sector_id"]})
        )
        by_sector = {}
        for row in rows:
            sector = by_sector.setdefault(
                row["sector_id"], dict.fromkeys(families, 0.0)
            )
            sector[MODALITY_FAMILY[row["modality"]]] += row["hours"]
        total = sum(by_modality.values())
        sector_rows = []
        for sector in [*sectors.sorted(lambda s: (s.sequence, s.name)), None]:
            values = by_sector.get(sector.id if sector else None)
            if values is None:
                continue
            sector_total = sum(values.values())
            sector_rows.append(
                [
                    sector.name if sector else _("No sector"),
                    *(values[family] for family in families),
                    sector_total,
                    round(sector_total / FTE_HOURS, 2),
                ]
            )
        family_totals = [
            sum(
                hours
                for modality, hours in by_modality.items()
                if MODALITY_FAMILY[modality] == family
            )
            for family in families
        ]
        sector_rows.append(
            [_("Total"), *family_totals, total, round(total / FTE_HOURS, 2)]
        )
        return sector_rows

    def _hours_modality_rows(self, by_modality):
        """Hours and full-time equivalents by modality, a total row last."""
        total = sum(by_modality.values())
        modality_labels = self._labels(self.env["social.clause.hour"], "modality")
        modality_rows = [
            [
                modality_labels[key],
                by_modality[key],
                round(by_modality[key] / FTE_HOURS, 2),
            ]
            for key, __ in HOUR_MODALITIES
            if key in by_modality
        ]
        modality_rows.append([_("Total"), total, round(total / FTE_HOURS, 2)])
        return modality_rows

    def _hours_summary_table(self, total, participants):
        """Hours done, FTE, participants and hours per participant."""
        return {
            "title": _("Summary"),
            "columns": [_("Indicator"), _("Value")],
            "rows": [
                [_("Hours done"), total],
                [
                    _("Full-time equivalents (1,607 h)"),
                    round(total / FTE_HOURS, 2),
                ],
                [_("Participants"), participants],
                [
                    _("Hours per participant"),
                    round(total / participants, 1) if participants else 0.0,
                ],
            ],
        }

    def _theme_placements(self, lines):
        """Work placements: distinct participant x firm x modality."""
        rows = self._rows(
            """
            SELECT modality, COUNT(*) AS placements
              FROM (SELECT DISTINCT participant_id, partner_id, modality
                      FROM %(lines)s) placement
          GROUP BY modality
            """,
            lines=lines,
        )
        by_modality = {row["modality"]: row["placements"] for row in rows}
        family_labels = self._labels(self.env["social.clause.modality"], "family")
        modality_labels = self._labels(self.env["social.clause.hour"], "modality")
        family_rows = [
            [
                label,
                sum(
                    count
                    for modality, count in by_modality.items()
                    if MODALITY_FAMILY[modality] == family
                ),
            ]
            for family, label in family_labels.items()
        ]
        total = sum(by_modality.values())
        return {
            "key": "placements",
            "title": _("Work placements"),
            "tables": [
                {
                    "title": _(
                        "Work placements (participant, firm and modality) by family"
                    ),
                    "columns": [_("Modality family"), _("Placements")],
                    "rows": [*family_rows, [_("Total"), total]],
                },
                {
                    "title": _("Work placements by modality"),
                    "columns": [_("Modality"), _("Placements")],
                    "rows": [
                        [modality_labels[key], by_modality[key]]
                        for key, __ in HOUR_MODALITIES
                        if key in by_modality
                    ]
                    + [[_("Total"), total]],
                },
            ],
        }

    def _theme_participants(self, lines, start, end):
        """Distinct participants with counted hours in the year: counts only."""
        rows, criteria = self._participant_counts(lines, start, end)
        Participant = self.env["social.clause.participant"]
        total = sum(row["count"] for row in rows)
        columns = [_("Participants"), _("Share (%)")]
        breakdowns = [
            (_("Participants by gender"), _("Gender"), "gender"),
            (_("Participants by age band at entry"), _("Age band"), "age_band"),
            (
                _("Participants by qualification level"),
                _("Qualification level"),
                "qualification_level",
            ),
        ]
        return {
            "key": "participants",
            "title": _("Participants"),
            "tables": [
                *(
                    {
                        "title": title,
                        "columns": [column, *columns],
                        "rows": self._participant_breakdown(
                            rows,
                            total,
                            key,
                            self._labels(Participant, key).items(),
                            _("Not set"),
                        ),
                    }
                    for title, column, key in breakdowns
                ),
                {
                    "title": _(
                        "Participants by eligibility criterion (a participant "
                        "counts once per criterion)"
                    ),
                    "columns": [_("Criterion"), *columns],
                    "rows": self._participant_criterion_rows(criteria, total),
                },
                self._participant_residence_table(rows, total, columns),
            ],
        }

    def _participant_counts(self, lines, start, end):
        """Participants of the hours counted by gender, age band,
        qualification, QPV and entry in the year; and by criterion."""
        participant_ids = SQL(
            "(SELECT DISTINCT participant_id FROM %s)",
            lines,
        )
        rows = self._rows(
            """
            SELECT participant.gender, participant.age_band,
                   participant.qualification_level,
                   COALESCE(participant.is_qpv, FALSE) AS is_qpv,
                   (participant.entry_date BETWEEN %(start)s AND %(end)s) AS is_new,
                   COUNT(*) AS count
              FROM social_clause_participant participant
             WHERE participant.id IN %(ids)s
          GROUP BY 1, 2, 3, 4, 5
            """,
            ids=participant_ids,
            start=start,
            end=end,
        )
        criteria = self._rows(
            """
            SELECT rel.social_clause_criterion_id AS criterion_id, COUNT(*) AS count
              FROM social_clause_criterion_social_clause_participant_rel rel
             WHERE rel.social_clause_participant_id IN %(ids)s
          GROUP BY 1
            """,
            ids=participant_ids,
        )
        return rows, criteria

    def _participant_breakdown(self, rows, total, key, labels, none_label):
        """Counts and shares of the participants by the values of ``key``."""
        counts = {}
        for row in rows:
            counts[row[key]] = counts.get(row[key], 0) + row["count"]
        result = [
            [label, counts.get(value, 0), self._share(counts.get(value, 0), total)]
            for value, label in labels
        ]
        if counts.get(None):
            result.append([none_label, counts[None], self._share(counts[None], total)])
        return [*result, [_("Total"), total, 100.0 if total else 0.0]]

    def _participant_criterion_rows(self, criteria, total):
        """Count and share of the participants of each criterion."""
        criterion_records = self.env["social.clause.criterion"].browse(
            [row["criterion_id"] for row in criteria]
        )
        criterion_counts = {row["criterion_id"]: row["count"] for row in criteria}
        return [
            [
                f"{criterion.code} - {criterion.name}",
                criterion_counts[criterion.id],
                self._share(criterion_counts[criterion.id], total),
            ]
            for criterion in criterion_records.sorted(
                lambda c: (c.level, c.sequence, c.name)
            )
        ]

    def _participant_residence_table(self, rows, total, columns):
        """New participants of the year and participants living in a QPV."""
        new = sum(row["count"] for row in rows if row["is_new"])
        qpv = sum(row["count"] for row in rows if row["is_qpv"])
        return {
            "title": _("New participants and residence"),
            "columns": [_("Indicator"), *columns],
            "rows": [
                [
                    _("New in the year (entry in the year)"),
                    new,
                    self._share(new, total),
                ],
                [_("Living in a QPV"), qpv, self._share(qpv, total)],
                [_("Total"), total, 100.0 if total else 0.0],
            ],
        }

    def _theme_firms(self, operation_ids, lines):
        """Firms with a commitment on the year's operations, by kind."""
        by_kind, hours_by_kind = self._firm_kind_figures(operation_ids, lines)
        labels = [
            ("ordinary", _("Ordinary firms")),
            ("siae", _("SIAE (integration structures)")),
            ("ea", _("EA and ESAT (disability employers)")),
        ]
        table_rows = [
            [
                label,
                by_kind.get(kind, {}).get("firms", 0),
                by_kind.get(kind, {}).get("commitments", 0),
                hours_by_kind.get(kind, 0.0),
            ]
            for kind, label in labels
        ]
        table_rows.append(
            [
                _("Total"),
                sum(row[1] for row in table_rows),
                sum(row[2] for row in table_rows),
                sum(row[3] for row in table_rows),
            ]
        )
        return {
            "key": "firms",
            "title": _("Firms"),
            "tables": [
                {
                    "title": _("Firms with a commitment, by kind"),
                    "columns": [
                        _("Kind of firm"),
                        _("Firms"),
                        _("Commitments"),
                        _("Hours done in the year"),
                    ],
                    "rows": table_rows,
                }
            ],
        }

    def _firm_kind_figures(self, operation_ids, lines):
        """Firms and commitments, and hours done, by kind of firm."""
        kind_sql = SQL(
            """CASE WHEN firm.social_clause_employer_kind IN %s THEN 'siae'
                    WHEN firm.social_clause_employer_kind IN %s THEN 'ea'
                    ELSE 'ordinary' END""",
            SIAE_KINDS,
            DISABILITY_KINDS,
        )
        rows = self._rows(
            """
            SELECT %(kind)s AS kind, COUNT(DISTINCT commitment.partner_id) AS firms,
                   COUNT(*) AS commitments
              FROM social_clause_commitment commitment
              JOIN res_partner firm ON firm.id = commitment.partner_id
             WHERE commitment.operation_id IN %(operation_ids)s
          GROUP BY 1
            """,
            kind=kind_sql,
            operation_ids=operation_ids,
        )
        hours = self._rows(
            """
            SELECT %(kind)s AS kind, SUM(line.hours) AS hours
              FROM %(lines)s
              JOIN res_partner firm ON firm.id = line.partner_id
          GROUP BY 1
            """,
            kind=kind_sql,
            lines=lines,
        )
        by_kind = {row["kind"]: row for row in rows}
        hours_by_kind = {row["kind"]: row["hours"] for row in hours}
        return by_kind, hours_by_kind

    def _theme_outcomes(self, start, end, buyer=None):
        """Situations recorded 6 months after exit, during the year."""
        rows = self._outcome_counts(start, end, buyer)
        kinds = (
            self.env["social.clause.outcome.kind"]
            .with_context(active_test=False)
            .browse([row["kind_id"] for row in rows])
        )
        counts = {row["kind_id"]: row["count"] for row in rows}
        total = sum(counts.values())
        category_labels = self._labels(kinds, "category")
        by_category = dict.fromkeys(category_labels, 0)
        for kind in kinds:
            by_category[kind.category or "other"] += counts[kind.id]
        dynamic = sum(by_category[category] for category in DYNAMIC_CATEGORIES)
        category_rows = [
            [label, by_category[key], self._share(by_category[key], total)]
            for key, label in category_labels.items()
        ]
        category_rows.append([_("Total"), total, 100.0 if total else 0.0])
        return {
            "key": "outcomes",
            "title": _("Outcomes at 6 months"),
            "tables": [
                {
                    "title": _("Situations 6 months after exit, by category"),
                    "columns": [_("Category"), _("Participants"), _("Share (%)")],
                    "rows": category_rows,
                },
                {
                    "title": _("Situations 6 months after exit, by kind"),
                    "columns": [_("Situation"), _("Participants"), _("Share (%)")],
                    "rows": [
                        [
                            kind.name,
                            counts[kind.id],
                            self._share(counts[kind.id], total),
                        ]
                        for kind in kinds.sorted(lambda k: (k.sequence, k.name))
                    ]
                    + [[_("Total"), total, 100.0 if total else 0.0]],
                },
                {
                    "title": _("Dynamic exits"),
                    "columns": [_("Indicator"), _("Value")],
                    "rows": [
                        [_("Dynamic exits (durable, transition, positive)"), dynamic],
                        [_("Dynamic-exit rate (%)"), self._share(dynamic, total)],
                    ],
                },
            ],
        }

    def _outcome_counts(self, start, end, buyer=None):
        """Outcomes at 6 months recorded in the year by kind, of the
        buyer's participants with ``buyer``."""
        outcomes = self.env["social.clause.outcome"]._search(
            [
                ("moment", "=", "six_months"),
                ("date", ">=", start),
                ("date", "<=", end),
            ]
        )
        buyer_sql = SQL()
        if buyer:
            buyer_sql = SQL(
                """AND outcome.participant_id IN (
                       SELECT participant_id FROM social_clause_hour
                        WHERE buyer_id = %s AND is_counted)""",
                buyer.id,
            )
        rows = self._rows(
            """
            SELECT outcome.kind_id, COUNT(*) AS count
              FROM social_clause_outcome outcome
             WHERE outcome.id IN %(ids)s %(buyer)s
          GROUP BY outcome.kind_id
            """,
            ids=outcomes.subselect(),
            buyer=buyer_sql,
        )
        return rows

    # Open data ---------------------------------------------------------------

    @api.model
    def _get_decp_rows(self, year, buyer=None):
        """One row per lot of the year's operations for the open procurement
        data (DECP): buyer, operation, lot, amount, considerationsSociales."""
        lots = self.env["social.clause.lot"].search(
            [("operation_id", "any", self._operation_domain(year, buyer))],
            order="buyer_id, operation_id, sequence, id",
        )
        clause_labels = self._labels(lots, "clause_type")
        return [
            {
                "marche": (marche := lot._get_decp_marche()),
                "buyer": lot.buyer_id.display_name,
                "buyer_registry": lot.buyer_id.company_registry or "",
                "operation_reference": lot.operation_id.reference or "",
                "operation": lot.operation_id.name,
                "lot_reference": lot.reference or "",
                "lot": lot.name,
                "amount": lot.amount_untaxed,
                "clause_type": clause_labels.get(lot.clause_type, ""),
                "considerations_sociales": ", ".join(
                    marche["considerationsSociales"]["considerationSociale"]
                ),
            }
            for lot in lots
        ]

    @api.model
    def _get_decp_json(self, year, buyer=None):
        """The year's open procurement data in the DECP 2.0.3 JSON format;
        refused with the list of what is missing when a lot lacks a value the
        format requires."""
        rows = self._get_decp_rows(year, buyer)
        lot_model = self.env["social.clause.lot"]
        problems = [
            self.env._(
                "%(lot)s (%(operation)s): %(missing)s",
                lot=row["lot"],
                operation=row["operation"],
                missing=", ".join(missing),
            )
            for row in rows
            if (missing := lot_model._get_decp_missing(row["marche"]))
        ]
        if problems:
            raise UserError(
                _(
                    "The open data (DECP) cannot be exported, these lots lack "
                    "required values:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
        if not rows:
            raise UserError(_("No lot of %(year)s to publish.", year=year))
        return json.dumps(
            {"marches": {"marche": [row["marche"] for row in rows]}},
            ensure_ascii=False,
            indent=2,
        )
