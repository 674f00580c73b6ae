"""The files of a static tree (``publishing.static``): where each page's file lies
in its variant directory, how it is written (atomically, or plainly in a tree no
reader sees yet) and compressed, the collected assets, and the symlink swap."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

try:  # optional: whitenoise uses it too when installed
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/atom",
                "application/rss", "application/ld+json", "image/svg")  # fmt: skip
STATIC_DIR = "static"


def variants() -> list[tuple[str, bool, str]]:
    """(language, large text, directory) of every variant."""
    return [
        (code, large, code + (".large" if large else ""))
        for code, _name in settings.LANGUAGES
        for large in (False, True)
    ]


# The file a path ending in "/" is written to, by media type (nginx tries them in
# this order and serves each with its type: deploy/nginx/gongkai.conf).
INDEX_NAMES = {
    "text/html": "index.html",
    "application/atom+xml": "index.atom",
    "application/rss+xml": "index.rss",
    "application/xml": "index.xml",
    "application/json": "index.json",
}


def file_for(path: str, content_type: str = "text/html") -> str:
    """The file (relative to a variant directory) holding the page at ``path``."""
    parts = [p for p in unquote(path).split("/") if p]
    if any(p in (".", "..") or "\x00" in p for p in parts):
        raise ValueError(f"not a page path: {path!r}")
    if path.endswith("/") or not parts:
        media = content_type.split(";")[0].strip()
        parts.append(INDEX_NAMES.get(media, "index.html"))
    return "/".join(parts)


def built_file(root: Path, path: str) -> Path | None:
    """The file built for ``path`` under a variant directory ``root``, if any."""
    names = {file_for(path, media) for media in INDEX_NAMES}
    return next((root / n for n in sorted(names) if (root / n).is_file()), None)


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed over it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _write_fresh(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` in a tree no reader sees yet (its parent exists)."""
    with open(target, "wb") as handle:
        handle.write(data)


def write_page(
    root: Path, name: str, body: bytes, content_type: str, *, fresh: bool = False
) -> None:
    """Write the page and its compressed variants: each file atomically, or plainly
    (``fresh``: a new tree, swapped in whole after the build)."""
    target = root / name
    write = _write_fresh if fresh else write_atomic
    if fresh:
        target.parent.mkdir(parents=True, exist_ok=True)
    write(target, body)
    compress = content_type.startswith(COMPRESSIBLE) and len(body) > 200
    for suffix, data in _compressed(body) if compress else ():
        write(target.with_name(target.name + suffix), data)


# nginx serves these files as they are (gzip_static, brotli_static), so the levels
# only trade build time against bytes sent. Measured on the built pages of the bench
# site (2,000 documents, 5.8 KB HTML on average; bench/static-build.md): brotli
# quality 11 took 9.7 ms a file for 32.0 % of the raw size, quality 5 0.3 ms for
# 36.5 % (9 took 10 ms, 10 5 ms, 6–8 0.3–0.7 ms for 35.6–36.4 %). gzip levels 6 and 9
# gave the same bytes (43.6 %) in 0.1–0.2 ms: level 9 stays.
BROTLI_QUALITY = 5
GZIP_LEVEL = 9


def _compressed(body: bytes) -> list[tuple[str, bytes]]:
    out = [(".gz", gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))]
    if brotli is not None:
        out.append((".br", brotli.compress(body, quality=BROTLI_QUALITY)))
    return out


def remove_page(root: Path, name: str) -> None:
    for suffix in ("", ".gz", ".br"):
        (root / (name + suffix)).unlink(missing_ok=True)


def copy_assets(root: Path) -> int:
    """Copy the static assets into ``root/static``: the collected tree when the
    storage hashes names (run ``gongkai collectstatic`` first), else the apps' files."""
    target = root / STATIC_DIR
    collected = Path(settings.STATIC_ROOT)
    count = 0
    if hasattr(staticfiles_storage, "manifest_name"):
        if not (collected / staticfiles_storage.manifest_name).exists():
            raise FileNotFoundError(
                f"{collected}: no manifest; run `gongkai collectstatic` first"
            )
        shutil.copytree(collected, target, dirs_exist_ok=True)
        return sum(1 for p in target.rglob("*") if p.is_file())
    for finder in finders.get_finders():
        for name, storage in finder.list(["CVS", ".*", "*~"]):
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name) as handle:
                destination.write_bytes(handle.read())
            count += 1
    return count


def current_tree(out: Path) -> Path:
    """The directory the symlink ``out`` points at."""
    return out.resolve()


def swap(out: Path, tree: Path) -> None:
    previous = current_tree(out) if out.is_symlink() else None
    link = out.with_name(f".{out.name}.link")
    link.unlink(missing_ok=True)
    link.symlink_to(tree.name)
    os.replace(link, out)  # atomic: a reader sees the old tree or the new one
    if previous is not None and previous != tree and previous.exists():
        shutil.rmtree(previous)
