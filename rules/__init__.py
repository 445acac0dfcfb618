# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain business rules of social clauses, in plain Python (no ORM): each
module holds one family of decisions, with its own unit tests in
tests/test_rules_*.py. Models, SQL filters, the portal and the imports call
them; nothing here reads the database."""
