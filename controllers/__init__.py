from . import portal
from . import portal_intermediation
from . import portal_bilan
