"""The reader report in a real browser with the network cut off: every figure renders (inline
SVG, a hover title on every bar) and no request leaves the machine. Needs Debian's chromium
(`.ci/run` installs it)."""

import json
import re
import subprocess

import pytest

from lkjip_analysis.printing import find_chromium

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: install Debian's `chromium` (apt-get install "
                             "chromium) to run the browser test")
# Requests Chromium makes for itself at start-up, whatever page it opens.
BROWSER_OWN = re.compile(r"^https?://(update\.googleapis\.com/service/|clients2\.google\.com/"
                         r"time/|accounts\.google\.com/ListAccounts)")
HARNESS = """<!DOCTYPE html><html><body>
<iframe id="f" src="{report}" width="1200" height="800"></iframe>
<script>
const f = document.getElementById("f");
f.onload = () => setTimeout(() => {{
  const page = f.contentWindow;
  const figures = [...page.document.querySelectorAll(".laporan-gambar svg")];
  const ok = figures.filter(f => f.getBoundingClientRect().width > 100).length;
  const tips = page.document.querySelectorAll('.laporan-gambar svg g[id^="nilai-"] > title');
  const fetched = page.performance.getEntriesByType("resource").map(e => e.name)
    .filter(u => !u.startsWith("data:") && !u.startsWith("file:"));
  document.body.setAttribute("data-images", ok + "/" + figures.length);
  document.body.setAttribute("data-tips", tips.length);
  document.body.setAttribute("data-fetched", JSON.stringify(fetched));
}}, 500);
</script></body></html>"""


def test_reader_report_renders_offline(built, tmp_path):
    report = built / "laporan_2020.html"
    harness = tmp_path / "harness.html"
    harness.write_text(HARNESS.format(report=report.resolve().as_uri()), encoding="utf-8")
    netlog = tmp_path / "net.json"
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--allow-file-access-from-files",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=15000",
         f"--log-net-log={netlog}", "--dump-dom", harness.as_uri()],
        capture_output=True, text=True, timeout=180).stdout
    images = re.search(r'data-images="(\d+)/(\d+)"', dom)
    assert images, dom[-2000:]
    assert images.group(1) == images.group(2) == "15"
    assert int(re.search(r'data-tips="(\d+)"', dom).group(1)) > 100  # a value on every bar
    assert json.loads(re.search(r'data-fetched="([^"]*)"', dom).group(1)
                      .replace("&quot;", '"')) == []
    urls = set(re.findall(r'"url":"([^"]+)"', netlog.read_text(encoding="utf-8")))
    leaving = [u for u in urls if u.startswith(("http:", "https:", "ws:", "wss:"))
               and not BROWSER_OWN.match(u)]
    assert leaving == []
