from . import social_clause_hour_reject
from . import social_clause_hour_import
from . import social_clause_bilan_wizard
from . import social_clause_annual_survey_wizard
