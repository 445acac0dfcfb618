from . import social_clause_xlsx_common
from . import social_clause_hour_xlsx
from . import social_clause_annual_survey_xlsx
from . import social_clause_decp_xlsx
from . import social_clause_siae_catalogue_xlsx
from . import social_clause_pdf_reports
