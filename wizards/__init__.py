from . import social_clause_hour_reject
