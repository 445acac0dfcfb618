from . import test_calibration
from . import test_operation_workflow
from . import test_access
from . import test_participant
from . import test_hours
from . import test_purchase_requisition
from . import test_install
from . import test_backoffice_tour
