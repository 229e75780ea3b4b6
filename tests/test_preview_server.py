"""The live preview's answers edition by edition (factkit.hosts.preview_server), without a server: the WSGI app
called as a server calls it, builds simulated with ``Progress``."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from factkit.hosts.preview_server import PreviewApp, Progress


def site(tmp_path: Path) -> Path:
    for rel, text in {"index.html": "<html><head><title>Home</title></head><body>en</body></html>",
                      "claims/index.html": "<html><head></head><body>en claims</body></html>",
                      "ar/claims/index.html": "<html><head></head><body>ar claims</body></html>",
                      "assets/reader.css": "body{}", "search/search_index.json": "{}",
                      "assets/factkit-preview.json": '{"errors": []}',
                      "404.html": "<html><head></head><body>not here</body></html>"}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def call(app: PreviewApp, path: str) -> tuple[str, dict[str, str], bytes]:
    said: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        said.update(status=status, headers=dict(headers))

    body = b"".join(app({"PATH_INFO": path}, start_response))
    return said["status"], said["headers"], body


def in_thread(app: PreviewApp, path: str) -> tuple[threading.Thread, list[Any]]:
    got: list[Any] = []
    thread = threading.Thread(target=lambda: got.append(call(app, path)), daemon=True)
    thread.start()
    return thread, got


def test_a_page_is_answered_once_its_edition_is_built_not_after_every_edition(tmp_path: Path) -> None:
    progress = Progress()
    app = PreviewApp(progress, str(site(tmp_path)), "/", "en", ["ar", "ru"], status="assets/factkit-preview.json")
    progress.started()
    ar, ar_got = in_thread(app, "/ar/claims/")
    index, index_got = in_thread(app, "/search/search_index.json")
    errors, errors_got = in_thread(app, "/assets/factkit-preview.json")
    errors.join(0.3)
    assert errors.is_alive() and not errors_got  # the errors' list is written with the first edition
    assert not progress.any_written
    progress.written("en")
    errors.join(10)
    assert errors_got[0][0] == "200 OK" and progress.any_written
    status, headers, body = call(app, "/claims/")  # answered now: its edition is written
    assert status == "200 OK" and b"en claims" in body and headers["Cache-Control"] == "no-store"
    assert f'<meta name="factkit-preview" content="en {progress.build}">'.encode() in body
    assert call(app, "/assets/reader.css")[1]["Content-Type"].startswith("text/css")
    ar.join(0.3)
    assert ar.is_alive() and not ar_got  # the Arabic edition is not written yet
    progress.written("ar")
    ar.join(10)
    assert ar_got[0][0] == "200 OK" and f'content="ar {progress.build}"'.encode() in ar_got[0][2]
    assert index.is_alive() and not index_got  # what the build writes at its end: once it is done
    progress.finished()
    index.join(10)
    assert index_got[0][0] == "200 OK"


def test_a_page_asks_for_the_next_build_of_its_edition(tmp_path: Path) -> None:
    progress = Progress()
    app = PreviewApp(progress, str(site(tmp_path)), "/", "en", ["ar"])
    shown = progress.build
    assert progress.wait_newer("en", shown, timeout=0) == shown  # nothing new: the page's own build, after a while
    waiting, got = in_thread(app, f"/.factkit/reload/ar/{shown}")
    progress.started()
    progress.written("en")
    waiting.join(0.3)
    assert waiting.is_alive()  # the English edition is written, not the Arabic one
    progress.written("ar")
    waiting.join(10)
    assert got[0][0] == "200 OK" and int(got[0][2]) == progress.build > shown
    assert call(app, "/.factkit/reload/ar/x")[0] == "404 Not Found"


def test_the_folder_is_served_as_a_static_host_serves_it_and_nothing_outside_it(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    app = PreviewApp(Progress(), str(root), "/", "en", [])
    assert call(app, "/claims")[:2] == ("302 Found", {**call(app, "/claims")[1], "Location": "/claims/"})
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/claims/../../secret.txt", "/nowhere/"):
        status, _, body = call(app, path)
        assert status == "404 Not Found" and b"not here" in body and b'name="factkit-preview"' in body, path
    (root / "sitemap.xml.gz").write_bytes(b"\x1f\x8b")
    assert call(app, "/sitemap.xml.gz")[1]["Content-Type"] == "application/gzip"  # the file, as MkDocs serves it
    home = call(app, "/")[2]
    assert home.startswith(b"<html><head><meta name=\"factkit-preview\" content=\"en ") and b"<title>Home" in home
    mounted = PreviewApp(Progress(), str(root), "/site/", "en", [])  # site_url with a path, as on GitHub Pages
    assert call(mounted, "/")[1]["Location"] == "/site/" and b"en claims" in call(mounted, "/site/claims/")[2]


def test_the_watcher_looks_often_at_a_small_site_and_as_mkdocs_does_at_a_large_one(tmp_path: Path) -> None:
    from factkit.hosts.mkdocs import poll_seconds

    def folder(name: str, files: int) -> str:
        (tmp_path / name / "deep").mkdir(parents=True)
        for i in range(files):
            (tmp_path / name / ("deep" if i % 2 else "") / f"{i}.md").touch()
        return str(tmp_path / name)

    assert poll_seconds([folder("small", 40)]) == 0.1
    assert poll_seconds([folder("middle", 499)]) == 0.2  # the files and the folder itself
    assert poll_seconds([folder("large", 2000), str(tmp_path / "mkdocs.yml")]) == 0.5


def test_the_error_page_lists_errors_first_and_warnings_apart_under_their_heading() -> None:
    """The same order as the overlay over the last good page: a warning is under its heading, not among the
    errors, and reads without a 'warning:' prefix; each line keeps where it is and its code."""
    from factkit.hosts.errorpage import WARNINGS, error_page, errors

    report = ("The facts have errors; the site was not built:\n"
              "facts/i18n/ar.yml:7: warning: the translation is out of date [stale-translation]\n"
              "facts/claims.yml:3: bad date '2026-13-20' [bad-date]\n1 error, 1 warning")
    found = errors(report)
    assert [(e["where"], e["level"], e["code"]) for e in found] == [
        ("facts/claims.yml:3", "error", "bad-date"), ("facts/i18n/ar.yml:7", "warning", "stale-translation")]
    assert found[1]["message"] == "the translation is out of date"
    page = error_page("The facts have errors", report)
    assert page.index("facts/claims.yml:3") < page.index(WARNINGS) < page.index("facts/i18n/ar.yml:7")
    assert "warning:" not in page and "&#91;bad-date&#93;" in page
    assert WARNINGS not in error_page("The facts have errors", "facts/claims.yml:3: bad date [bad-date]")
