"""``python -m factkit``."""

import os
import sys

from .cli import main

built: list = []  # the fact base stays referenced until the exit below, which frees it all at once
code = main(keep=built)
# Leave without tearing down tens of thousands of records one by one (~0.1 s at 10,000 claims):
# everything is printed and every file written by now, so flush and exit at once.
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
