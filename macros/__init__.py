"""This site's own mkdocs-macros module. factkit's macros (claim, claims, timeline, ...) come from the
factkit plugin (see docs/macros.md); add macros of this site's own here with ``env.macro``."""


def define_env(env: object) -> None:
    """No site-specific macros yet."""
