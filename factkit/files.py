"""Which files make up a facts folder, and the limits on reading them (no heavy imports here)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

MAX_FILE_BYTES = 5 * 1024 * 1024


def fact_files(root: Path) -> list[Path]:
    """Every .yml/.yaml file under root, sorted, including links (checked later).

    Linked folders are not followed but are listed too, so the loader reports them instead of
    silently skipping the facts inside. Folders starting with '.' are skipped (.git, editors).
    """
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath) / d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        for name in sorted(filenames):
            if name.lower().endswith((".yml", ".yaml")):
                found.append(Path(dirpath) / name)
    return sorted(found)


def read_capped(path: Path) -> bytes:
    """The file's bytes, never more than the size limit + 1 (an oversize file is not read whole)."""
    with path.open("rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)


def digest(path: Path) -> str:
    """SHA-256 of what ``read_capped`` reads (raises OSError like it)."""
    return hashlib.sha256(read_capped(path)).hexdigest()
