"""04_charts.ipynb in a real JupyterLab in a real (headless) Chromium, driven like an analyst would.

Starts JupyterLab on 127.0.0.1 with a fixed token and fresh config, runtime,
settings and workspace folders, opens a copy of the notebook, runs all cells
from the Run menu, switches the chart studio to "quotes per speaker", picks a
speaker, clicks Export and checks that the files appear and the chart image is
shown. The screenshot is kept in tests/artifacts/ (gitignored).

Needs Debian's chromium (``apt-get install chromium``) and the playwright
Python package (``pip install playwright``; never ``playwright install``).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kit import config

CHROMIUM = "/usr/bin/chromium"
TOKEN = "kit-browser-test-token"
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"no answer from {url}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def lab(tmp_path):
    """A fresh JupyterLab server on loopback serving a copy of the notebooks; stopped afterwards.

    One per test: a shared server restores the previous test's tabs and asks for a kernel.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (apt-get install -y chromium)")
    pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed (pip install playwright)"
    )
    root = tmp_path / "root"
    shutil.copytree(config.NOTEBOOKS_DIR, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    env = dict(os.environ)
    for var, sub in (
        ("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("KIT_DATA", "data"),
    ):  # fmt: skip
        (tmp_path / sub).mkdir()
        env[var] = str(tmp_path / sub)
    env.pop("KIT_CORPUS", None)
    # no "get notified about Jupyter news?" pop-up over the page
    news = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false"}', encoding="utf-8"
    )
    port = _free_port()
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.expose_app_in_browser=True",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    try:
        _wait_http(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", proc)
        yield {
            "url": f"http://127.0.0.1:{port}",
            "exports": tmp_path / "data" / "exports",
            "log": tmp_path / "lab.log",
        }
    finally:
        _stop(proc)
        log.close()


KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""


def _open_and_run_all(page, lab, notebook: str) -> None:
    page.goto(f"{lab['url']}/lab/tree/{notebook}?token={TOKEN}", timeout=60_000)
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    # the toolbar says "idle" before the kernel session exists: wait for the real kernel
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator("li[data-command='runmenu:run-all']").click()


def test_chart_studio_in_jupyterlab(lab):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            _open_and_run_all(page, lab, "04_charts.ipynb")

            export = page.locator(".widget-button", has_text="Exportieren")
            expect(export).to_be_visible(timeout=90_000)
            studio_chart = page.locator("img.widget-image").first
            expect(studio_chart).to_be_visible(timeout=60_000)

            # change the chart and a filter, as an analyst would
            page.locator(".widget-dropdown select").first.select_option(label="Zitate je Sprecher")
            title = page.locator(".widget-text input").first
            expect(title).to_have_value("Wer wird wie oft zitiert?", timeout=30_000)
            who = page.locator(".widget-select-multiple select").first
            if who.locator("option").count():
                who.select_option(index=0)
            page.wait_for_function(KERNEL_IDLE, timeout=60_000)

            export.click()
            status = page.locator(".kit-export-status")
            expect(status).to_contain_text("Dateien geschrieben", timeout=60_000)
            expect(studio_chart).to_be_visible()
            width = page.evaluate(
                "() => Math.max(...[...document.querySelectorAll('img.widget-image')]"
                ".map(i => i.naturalWidth))"
            )
            studio_chart.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "browser_04_charts.png"), full_page=False)
            errors = page.locator(
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
            )
            stderr = " ".join(errors.all_inner_texts())
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "browser_04_charts_failed.png"))
            raise
        finally:
            browser.close()

    assert width >= 400, "the chart image is not rendered"
    assert "Traceback" not in stderr and "Fehler:" not in stderr, stderr
    written = sorted(p.name for p in lab["exports"].glob("wer-wird-wie-oft-zitiert*"))
    assert {Path(n).suffix for n in written} == {".png", ".svg", ".pdf", ".csv"}, written


def test_article_browser_in_jupyterlab(lab):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            _open_and_run_all(page, lab, "01_load_and_tag.ipynb")
            article = page.locator(".kit-article")
            expect(article).to_be_visible(timeout=90_000)
            first = article.get_attribute("data-article")
            # pick the last article in the browser's dropdown: the text follows
            select = page.locator(".widget-dropdown select").first
            select.select_option(index=select.locator("option").count() - 1)
            expect(article).not_to_have_attribute("data-article", first, timeout=30_000)
            quotes = page.locator(".kit-article .kit-q")
            titles = [quotes.nth(i).get_attribute("title") for i in range(min(quotes.count(), 5))]
            article.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "browser_01_article_browser.png"))
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "browser_01_failed.png"))
            raise
        finally:
            browser.close()
    # quotes on the seeds come from the extraction teammates: when present, they carry hover titles
    assert all(t and "Sprecher: " in t for t in titles), titles


def test_sorted_table_row_opens_its_article(lab):
    """02_who_said_what: sort the quotes table by speaker, click a row, read it in its article."""
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            _open_and_run_all(page, lab, "02_who_said_what.ipynb")
            # the second table of the notebook is the quotes table (the first lists speakers)
            table = page.locator("table.dataTable").nth(1)
            expect(table).to_be_visible(timeout=90_000)
            page.wait_for_function(KERNEL_IDLE, timeout=60_000)
            head = table.locator("thead th", has_text="Sprecher").first
            head.scroll_into_view_if_needed()
            order = head.locator(".dt-column-order")  # DataTables 2: the sort button in the head
            (order if order.count() else head).click()  # ascending
            first = table.locator("tbody tr").first
            expect(head).to_have_attribute("aria-sort", "ascending", timeout=30_000)
            speakers = [table.locator("tbody tr").nth(i).locator("td").nth(1).inner_text()
                        for i in range(min(5, table.locator("tbody tr").count()))]  # fmt: skip
            cells = first.locator("td")
            article_id = cells.nth(cells.count() - 1).inner_text().strip()
            quote = cells.nth(3).inner_text().strip().rstrip("…")
            first.click()
            article = page.locator(f".kit-article[data-article='{article_id}']")
            expect(article).to_be_visible(timeout=60_000)
            target = article.locator(".kit-target").first
            expect(target).to_be_visible(timeout=30_000)
            marked = " ".join(article.locator(".kit-target").all_inner_texts())
            place = article.locator(".kit-place").inner_text()
            table.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "browser_02_table_sorted.png"), full_page=False)
            article.locator(".kit-place").scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "browser_02_row_to_article.png"), full_page=False)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "browser_02_failed.png"))
            raise
        finally:
            browser.close()
    assert speakers == sorted(speakers, key=str.lower) or speakers == sorted(speakers), speakers
    # the article shows the clicked quote, marked and quoted above the text
    assert quote[:40].strip() and " ".join(quote[:40].split()) in " ".join(marked.split()), (
        quote,
        marked,
    )
    assert " ".join(quote[:40].split()) in " ".join(place.split())
