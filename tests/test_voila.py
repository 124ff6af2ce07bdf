"""The quote explorer and the chart studio as Voila dashboards: voila serves the rendered page.

Starts ``voila`` on 127.0.0.1 (fresh Jupyter folders, data in a temp folder)
for a copy of 02_who_said_what.ipynb and 04_charts.ipynb and fetches each
page: it must contain the widget views and no error output. Skips when voila
is not installed (``pip install voila``).
"""

from __future__ import annotations

import html
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from test_browser import _free_port, _stop

from kit import config

pytestmark = pytest.mark.slow

TITLES = {"02_who_said_what": "2 · Who said what?", "04_charts": "4 · Charts"}


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"voila exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"voila did not listen on port {port}")


@pytest.mark.parametrize("name", ["02_who_said_what", "04_charts"])
def test_voila_dashboard_renders(name, tmp_path):
    pytest.importorskip("voila", reason="voila not installed (pip install voila)")
    root = tmp_path / "root"
    root.mkdir()
    shutil.copy(config.NOTEBOOKS_DIR / f"{name}.ipynb", root)
    env = dict(os.environ)
    for var, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("KIT_DATA", "data"),
    ):
        (tmp_path / sub).mkdir()
        env[var] = str(tmp_path / sub)
    env.pop("KIT_CORPUS", None)
    port = _free_port()
    cmd = [
        sys.executable, "-m", "voila", f"{name}.ipynb", "--no-browser", f"--port={port}",
        "--Voila.ip=127.0.0.1", "--VoilaConfiguration.show_tracebacks=True",
    ]  # fmt: skip
    log = (tmp_path / "voila.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_port(port, proc)
        with urllib.request.urlopen(url, timeout=120) as resp:
            page = html.unescape(resp.read().decode("utf-8"))
    finally:
        _stop(proc)
        log.close()
    assert TITLES[name] in page
    assert "application/vnd.jupyter.widget-view+json" in page
    assert "Traceback" not in page and '"output_type": "error"' not in page
    # the dashboard hides the code: no source of the notebook's cells in the page
    assert "kit.build(progress=False)" not in page
