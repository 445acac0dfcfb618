from . import social_clause_hour_reject
from . import social_clause_hour_import
from . import social_clause_candidate_search
from . import social_clause_candidacy_decline
from . import social_clause_bilan_wizard
from . import social_clause_annual_survey_wizard
from . import social_clause_hour_validation_report
