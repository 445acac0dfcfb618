from . import controllers
from . import rules
from . import models
from . import wizards
from . import reports
