# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: one "areas served" field on the partner. The SIAE directory's
``siae_department_codes`` goes; what it held moves to
``social_clause_area_codes`` (the prescribers' field, now everyone's) where
that one is empty, before the update forgets the old column."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'res_partner'
           AND column_name = 'siae_department_codes'
        """
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        ALTER TABLE res_partner
            ADD COLUMN IF NOT EXISTS social_clause_area_codes varchar;
        UPDATE res_partner
           SET social_clause_area_codes = siae_department_codes
         WHERE siae_department_codes IS NOT NULL
           AND COALESCE(social_clause_area_codes, '') = ''
        """
    )
