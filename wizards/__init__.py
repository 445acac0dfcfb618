from . import social_clause_hour_reject
from . import social_clause_hour_import
