"""Signing what factkit keeps on disk, so that only files this user's factkit wrote are trusted.

The key is random, made on first use and kept outside any project (``$XDG_CACHE_HOME/factkit/key``,
mode 0600): a cache file committed to a repository or planted by a pull request does not verify.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
from pathlib import Path


def _key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factkit" / "key"


def secret() -> bytes | None:
    """The local signing key (created on first use); None when it cannot be kept, i.e. no cache."""
    path = _key_path()
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = os.urandom(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key
    except FileExistsError:  # another process made it just now
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return data if len(data) >= 32 else None
    except OSError:
        return None


def sign(key: bytes, magic: bytes, body: bytes) -> bytes:
    """``magic`` + HMAC-SHA256 of the body + the body."""
    return magic + hmac.new(key, body, hashlib.sha256).digest() + body


def verified(key: bytes, magic: bytes, blob: bytes) -> bytes | None:
    """The body of a signed blob, or None when it was not signed with this key."""
    head = len(magic)
    if not blob.startswith(magic) or len(blob) < head + 32:
        return None
    signature, body = blob[head:head + 32], blob[head + 32:]
    if not hmac.compare_digest(signature, hmac.new(key, body, hashlib.sha256).digest()):
        return None
    return body


def write_atomic(path: Path, blob: bytes) -> None:
    """Write via a temporary file and a rename: a concurrent reader sees the old or the new file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
