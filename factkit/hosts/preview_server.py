"""The live preview's answers to the browser, edition by edition (under ``mkdocs serve`` only, never published).

MkDocs' server holds every request until a whole build is done; with three editions a save reaches the page the
editor looks at only after all three are built. This WSGI app, which the adapter puts in MkDocs' server, serves the
built folder itself: a page, and the CSS, scripts, fonts and images beside it, are answered as soon as their edition
is written (MkDocs writes those files before the pages), and so is the list of errors the pages show over
themselves (``status``, written before the first edition); what a build writes at its end (the search index, the
sitemap, the open data, the feed) once the build is done. Each page asks ``/.factkit/reload/<edition>/<build>``
(``assets/factkit-preview.js``) and reloads itself when a newer build has written its edition. Imports nothing of
MkDocs.
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
import re
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

RELOAD = "/.factkit/reload/"
_RELOAD = re.compile(r"/\.factkit/reload/([A-Za-z-]*)/([0-9]+)")
_STABLE = (".css", ".js", ".woff", ".woff2", ".ttf", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico")
POLL_SECONDS = 60  # a reload request is answered after this long even if nothing was built (as MkDocs' is)

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def _now() -> int:
    return time.monotonic_ns() // 1_000_000  # a server started again numbers its builds above the last one's


class Progress:
    """Which editions the build in progress has written. Builds are numbered by when they started."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.build = _now()
        self._building = False
        self._written: set[str] = set()

    def started(self) -> None:
        with self._cond:
            self.build, self._building, self._written = max(_now(), self.build + 1), True, set()

    def written(self, *editions: str) -> None:
        with self._cond:
            self._written.update(editions)
            self._cond.notify_all()

    @property
    def any_written(self) -> bool:
        """Whether the build in progress has written an edition yet."""
        with self._cond:
            return bool(self._written)

    def finished(self) -> None:
        with self._cond:
            self._building = False
            self._cond.notify_all()

    def _ready(self, edition: str | None) -> bool:
        return not self._building or edition in self._written

    def wait(self, edition: str | None) -> int:
        """The number of the build whose files of ``edition`` (None: of the whole site) are on disk now."""
        with self._cond:
            self._cond.wait_for(lambda: self._ready(edition))
            return self.build

    def wait_newer(self, edition: str, than: int, timeout: float = POLL_SECONDS) -> int:
        """The number of a build after ``than`` that has written ``edition``, or ``than`` after ``timeout``."""
        with self._cond:
            self._cond.wait_for(lambda: self.build > than and self._ready(edition), timeout=timeout)
            return self.build if self.build > than and self._ready(edition) else than


class PreviewApp:
    """The WSGI app: the built folder ``root`` under ``mount`` (``/`` or the site's path), edition by edition.
    ``editions``: the URL prefixes of the editions other than the default one (``ar``, ``ru``); ``status``: the
    path of the errors' list in the folder, answered with the first edition."""

    def __init__(self, progress: Progress, root: str, mount: str, default: str, editions: Iterable[str],
                 status: str = "") -> None:
        self.progress, self.root, self.mount = progress, os.path.abspath(root), mount
        self.default, self.editions, self.status = default, frozenset(editions), status

    def edition(self, rel: str) -> str:
        first = rel.split("/", 1)[0]
        return first if first in self.editions else self.default

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "ignore")
        if path.startswith(RELOAD):
            asked = _RELOAD.fullmatch(path)
            if asked is None:
                return self._answer(start_response, "404 Not Found", b"404 Not Found", "text/plain")
            build = self.progress.wait_newer(asked[1] or self.default, int(asked[2]))
            return self._answer(start_response, "200 OK", b"%d" % build, "text/plain", cache=False)
        if not (path + "/").startswith(self.mount):
            if path == "/":
                return self._answer(start_response, "302 Found", b"", "text/plain", location=self.mount)
            return self._missing(start_response)
        rel = path[len(self.mount):] + ("index.html" if path.endswith("/") else "")
        rel = posixpath.normpath("/" + rel).lstrip("/")  # no way out of the folder
        file = os.path.join(self.root, rel)
        page = rel.endswith(".html")
        build = self.progress.wait(self.edition(rel) if page or rel.endswith(_STABLE) or rel == self.status
                                   else None)
        try:
            with open(file, "rb") as f:
                content = f.read()
        except OSError:
            if not path.endswith("/") and os.path.isfile(os.path.join(file, "index.html")):
                return self._answer(start_response, "302 Found", b"", "text/plain", location=path + "/")
            return self._missing(start_response)
        if page:
            content = self.mark(content, self.edition(rel), build)
        return self._answer(start_response, "200 OK", content, _type(file), cache=False)

    def mark(self, content: bytes, edition: str, build: int) -> bytes:
        """The page with the build and edition it belongs to, for its reload request (factkit-preview.js)."""
        meta = b'<meta name="factkit-preview" content="%s %d">' % (edition.encode(), build)
        head = content.find(b"<head>")
        return content[: head + 6] + meta + content[head + 6:] if head >= 0 else meta + content

    def _missing(self, start_response: StartResponse) -> list[bytes]:
        """The site's 404 page (it too reloads itself after the next build)."""
        build = self.progress.wait(self.default)
        try:
            with open(os.path.join(self.root, "404.html"), "rb") as f:
                body = self.mark(f.read(), self.default, build)
        except OSError:
            body = b"404 Not Found"
        return self._answer(start_response, "404 Not Found", body, "text/html; charset=utf-8", cache=False)

    @staticmethod
    def _answer(start_response: StartResponse, status: str, body: bytes, kind: str, cache: bool = True,
                location: str | None = None) -> list[bytes]:
        headers = [("Content-Type", kind), ("Content-Length", str(len(body)))]
        headers += [("Cache-Control", "no-store")] if not cache else []
        headers += [("Location", location)] if location else []
        start_response(status, headers)
        return [body]


def _type(path: str) -> str:
    if path.endswith((".js", ".mjs")):
        return "application/javascript"
    if path.endswith(".gz"):  # sitemap.xml.gz: the file itself, not its content, as MkDocs serves it
        return "application/gzip"
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "xml")) else kind
