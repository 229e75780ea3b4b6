"""mkdocs-macros entry point: a thin shim so `mkdocs serve` picks up edits to the Python code.

mkdocs-macros imports a package once per `serve`; dropping our submodules from sys.modules
before each build makes every rebuild use the current code.
"""

import importlib
import sys


def define_env(env):
    for name in [m for m in sys.modules if m.startswith((__name__ + ".", "factkit"))]:
        del sys.modules[name]
    importlib.import_module(__name__ + ".site").define_env(env)
