"""A site's configuration file (``mkdocs.yml`` and hosts that read the same format), read without the host: what
the engine needs of it (the factkit settings, the folders). Imports nothing heavy: ``factkit check`` reads it before
answering from its cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def host_config(config: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the whole configuration, the factkit plugin's settings) of a mkdocs.yml-style file."""
    import yaml

    class _Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no type stubs
        """Reads a host's configuration; its tags (e.g. !!python/name: for emoji) are not needed here."""

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(data, dict):
        raise ValueError(f"{config} is not a mapping")
    options: dict[str, Any] = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "factkit" in plugin:
            options = plugin["factkit"] or {}
    return data, options if isinstance(options, dict) else {}


def configured_folders(config: Path) -> tuple[str, str]:
    """(facts folder, pages folder) a site's configuration names, relative to its folder; the defaults
    ('facts', 'docs') when it names none or cannot be read (the build reports a broken configuration)."""
    import yaml

    try:
        data, options = host_config(config)
    except (OSError, ValueError, yaml.YAMLError):
        return "facts", "docs"
    return str(options.get("facts_dir") or "facts"), str(data.get("docs_dir") or "docs")
