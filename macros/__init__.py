"""mkdocs-macros entry point: a thin shim so `mkdocs serve` picks up edits to the Python code.

mkdocs-macros imports a package once per `serve`; dropping our submodules (and factkit) from
sys.modules before each build makes every rebuild use the current code. The page and build hooks
forward to the freshly imported module.
"""

import importlib
import sys

_site = None


def define_env(env):
    global _site
    for name in [m for m in sys.modules if m.startswith((__name__ + ".", "factkit"))]:
        del sys.modules[name]
    _site = importlib.import_module(__name__ + ".site")
    _site.define_env(env)


def on_pre_page_macros(env):
    _site.on_pre_page_macros(env)


def on_post_page_macros(env):
    _site.on_post_page_macros(env)


def on_post_build(env):
    _site.on_post_build(env)
