from . import social_clause_siae_catalogue_xlsx
