"""nginx (the Debian package) serves every public page kind from the built tree with
the application not running: the repository's configuration, a free port, a
temporary prefix, the upstream pointing at a closed port."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.publishing import static, static_files
from gongkai.publishing.models import StaticPage

pytestmark = pytest.mark.django_db
CONF = Path(__file__).resolve().parents[4] / "deploy" / "nginx" / "gongkai.conf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def nginx_path() -> str:
    path = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
    )
    if not path:
        if os.environ.get("GONGKAI_REQUIRE_BROWSER") == "1":
            pytest.fail(
                "nginx is required (GONGKAI_REQUIRE_BROWSER=1) but not installed"
            )
        pytest.skip("nginx not installed (apt-get install nginx; .ci/run does)")
    return path


def _start(nginx: str, prefix: Path, root: Path) -> int:
    port, closed = _free_port(), _free_port()
    site_conf = (
        CONF.read_text()
        .replace("/srv/gongkai/site", str(root))
        .replace("listen 8080", f"listen 127.0.0.1:{port}")
        .replace("127.0.0.1:8000", f"127.0.0.1:{closed}")  # nothing listens there
    )
    (prefix / "site.conf").write_text(site_conf)
    # As root, nginx hands requests to "nobody", who cannot read pytest's tree.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    temp = " ".join(
        f"{name}_temp_path {prefix}/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(
        f"{user}\nworker_processes 1;\npid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log;\nevents {{ worker_connections 64; }}\n"
        f"http {{ access_log off; {temp} include {prefix}/site.conf; }}\n"
    )
    subprocess.run(
        [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf")], check=True
    )
    for _try in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError((prefix / "error.log").read_text())


def _get(port: int, path: str, cookie: str = "") -> tuple[int, str, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def test_nginx_serves_every_page_kind_from_the_tree_without_the_application(
    site,
    tree,
    nginx_path,
    tmp_path,
):
    static.static_build(out=tree)
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    port = _start(nginx_path, prefix, tree)
    try:
        kinds: dict[str, str] = {}
        for row in StaticPage.objects.order_by("path"):
            kinds.setdefault(row.url_name, row.path)
        assert len(kinds) >= 20
        lang = settings.LANGUAGE_COOKIE_NAME
        for url_name, path in kinds.items():
            for language, large, directory in static_files.variants():
                cookie = f"{lang}={language}" + ("; gk_large=1" if large else "")
                status, media, body = _get(port, path, cookie)
                built = static_files.built_file(tree / directory, path)
                assert built is not None
                assert (status, body) == (200, built.read_bytes()), (url_name, path)
                if built.name.endswith(".html"):
                    assert media.startswith("text/html")
        atom = _get(port, "/xxgk/feed.atom")[1]
        assert atom.startswith("application/atom+xml")
        assert _get(port, "/penalties/feed/")[1].startswith("application/atom+xml")
        css = next((tree / "static").rglob("*.css")).relative_to(tree)
        assert _get(port, f"/{css}")[0] == 200
        # Dynamic parts go to the application, which is not running: 502.
        assert _get(port, "/xxgk/?page=2")[0] == 502
        assert _get(port, "/search/?q=x")[0] == 502
        assert _get(port, "/", "sessionid=abc")[0] == 502
    finally:
        pid = int((prefix / "nginx.pid").read_text())
        os.kill(pid, 15)
