"""The repository's macros (the tests put the repository root on PYTHONPATH)."""

from macros import define_env, on_post_build, on_post_page_macros, on_pre_page_macros

__all__ = ["define_env", "on_post_build", "on_post_page_macros", "on_pre_page_macros"]
