"""This site's own mkdocs-macros module.

factkit's macros (claim, claims, timeline, entity, ...) come from the factkit plugin; `factkit macros`
prints their reference. Add macros of this site's own here, e.g.::

    def define_env(env):
        @env.macro
        def shout(text):
            return text.upper()
"""


def define_env(env: object) -> None:
    """No site-specific macros yet."""
