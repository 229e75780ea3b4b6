"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text, long cache for assets.

    python scripts/serve_gzip.py site/ 8765

Used to measure the site with Lighthouse (docs-dev/LIGHTHOUSE.md); `python -m http.server` sends neither
compression nor cache headers, which no real host omits.
"""

from __future__ import annotations

import gzip
import http.server
import sys
from functools import partial
from io import BytesIO
from pathlib import Path

TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt", ".map")


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gz = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gz and path.is_file() and path.suffix in TEXT):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return BytesIO(body)

    def end_headers(self) -> None:
        assets = "/assets/" in self.path or self.path.endswith((".css", ".js"))
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if assets else "no-cache")
        super().end_headers()

    def log_message(self, *args) -> None:  # quiet
        pass


def main() -> None:
    root, port = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8765
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=root))
    print(f"serving {root} at http://127.0.0.1:{port}/ (gzip, cache headers)", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
