from . import social_clause_hour_reject
from . import social_clause_hour_import
from . import social_clause_siae_import
from . import social_clause_siae_catalogue
from . import social_clause_lot_lever_override
