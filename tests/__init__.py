from . import test_hour_import
