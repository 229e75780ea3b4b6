"""This site's mkdocs-macros module. Under MkDocs the factkit plugin registers factkit's macros (see
docs/macros.md); on a host that runs only the macros step (Zensical) factkit's module does. Add this
site's own macros below with ``env.macro``."""

from factkit.hosts.macros import define_env

__all__ = ["define_env"]
