# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from odoo.addons.base.tests.common import BaseCommon

from .common import FACILITATOR_GROUPS, make_user


class UpstreamCase(BaseCommon):
    """French facilitator, a town (buyer) and fresh sectors, so that the demo
    directory does not count in the capacity of the tests' lots."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env = cls.env(context=dict(cls.env.context, lang="fr_FR"))
        cls.company = cls.env.company
        cls.facilitator = make_user(
            cls.env,
            "sc_up_facilitator",
            FACILITATOR_GROUPS,
            name="Fanny Facilitatrice",
            lang="fr_FR",
        )
        Partner = cls.env["res.partner"]
        cls.town = Partner.create(
            {
                "name": "Ville de Testville",
                "is_company": True,
                "social_clause_buyer_kind": "local_authority",
                "zip": "59100",
                "city": "Testville",
            }
        )
        cls.Sector = cls.env["social.clause.sector"]

    @classmethod
    def _sector(cls, code, name=None):
        return cls.Sector.create({"name": name or code, "code": code})

    @classmethod
    def _structures(cls, sector, count, kind="ei", department="59", **values):
        """``count`` inclusion employers of ``sector`` in ``department``."""
        return cls.env["res.partner"].create(
            [
                dict(
                    {
                        "name": f"{sector.code} {kind} {number}",
                        "is_company": True,
                        "social_clause_employer_kind": kind,
                        "social_clause_sector_ids": [(6, 0, sector.ids)],
                        "social_clause_area_codes": department,
                        "siae_annual_turnover": 1_000_000,
                        "siae_posts": 10,
                        "siae_hours_capacity": 5000,
                    },
                    **values,
                )
                for number in range(count)
            ]
        )

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=invalid-name
        """Like unittest's, inside Odoo's savepoint so nothing stays written."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)
