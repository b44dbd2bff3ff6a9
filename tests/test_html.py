"""report --format html: a self-contained page, golden for a small register, and the sample
register's page rendered in headless Chromium: a screenshot, the DOM, the page at 600 pixels
wide without horizontal overflow, and its A4 print without a table row split across pages."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import AS_OF, EXAMPLES, golden, run_cli

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


class Outline(HTMLParser):
    """Each incident article: how many SVG timelines, tables and folded blocks it holds, and
    the label of each timeline row."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: dict[str, dict] = {}
        self.current: str | None = None
        self.label: list[str] | None = None
        self.depth = 0  # inside a <title> of a label: its tooltip, not its text

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article" and "incident" in (attributes.get("class") or ""):
            self.current = attributes["id"]
            self.articles[self.current] = {"svg": 0, "table": 0, "details": 0, "labels": []}
        elif self.current and tag in ("svg", "table", "details"):
            self.articles[self.current][tag] += 1
        elif self.current and tag == "text" and attributes.get("class") == "row-label":
            self.label = []
        elif self.label is not None and tag == "title":
            self.depth += 1

    def handle_data(self, data):
        if self.label is not None and not self.depth:
            self.label.append(data)

    def handle_endtag(self, tag):
        if tag == "article":
            self.current = None
        elif tag == "title" and self.depth:
            self.depth -= 1
        elif tag == "text" and self.label is not None:
            self.articles[self.current]["labels"].append("".join(self.label))
            self.label = None


def outline(html: str) -> dict[str, dict]:
    parser = Outline()
    parser.feed(html)
    return parser.articles


def test_golden_page_for_a_small_register():
    result = run_cli("report", str(EXAMPLES / "valid"), "--as-of", AS_OF, "--format", "html")
    assert result.returncode == 0, result.stderr
    golden("report-small.html", result.stdout.replace(str(EXAMPLES), "tests/examples"))


def test_self_contained_printable_and_complete():
    html = run_cli("report", "incidents", "--as-of", AS_OF, "--format", "html").stdout
    assert "http://" not in html and "https://" not in html
    assert "<link" not in html and "<script" not in html and "<img" not in html
    articles = outline(html)
    assert len(articles) == 9
    assert all(parts["svg"] >= 1 for parts in articles.values()), articles
    assert articles["incident-FT-2024-03"]["svg"] == 2  # the legal clocks, and the remediation calendar
    # every rule that does not apply to the lost laptop is folded: one table for its duty to document
    # the breach (Art. 33(5)), one inside the folded block
    laptop = articles["incident-MX-2025-12-LAPTOP"]
    assert (laptop["table"], laptop["details"]) == (2, 1)
    assert html.count('<details class="folded">') == 9 and "status-not_applicable" not in html
    for figure in ("<dt>Overdue</dt><dd>1</dd>", "<dt>Astreinte accrued</dt><dd>60,000 EUR</dd>",
                   "<dt>Due within 3 days</dt><dd>0</dd>"):  # the default warn_within, 72 hours
        assert figure in html


def test_the_page_opens_with_what_needs_action():
    html = run_cli("report", "incidents", "--as-of", AS_OF, "--format", "html").stdout
    action = html[html.index('<section class="action"'):html.index("</section>")]
    assert html.index('<section class="action"') < html.index('<dl class="figures">') < html.index("<article")
    # the clinic's patients were due to be informed on 21 November at 14:00: 46 h before 23 November 12:00
    assert action.count("<tr class=") == 1
    assert ('<tr class="overdue">\n        <td><a href="#incident-CT-2026-11-PHISHING">CT-2026-11-PHISHING</a><br>'
            "Secretary&#39;s mailbox accessed after a phishing e-mail</td>\n"
            '        <td>Inform the people concerned<div class="reason">GDPR Art. 34(1) (policy target)</div></td>\n'
            '        <td><span class="nowrap">2026-11-21</span> <span class="nowrap">14:00 +01:00</span></td>\n'
            '        <td class="left">1 day 22 h overdue</td>') in action
    calm = run_cli("report", "incidents", "--as-of", "2026-03-31T12:00", "--format", "html").stdout
    assert '<p class="nothing">Nothing overdue or due within 3 days.</p>' in calm


def test_timelines_are_labelled_with_the_duty_and_its_id_is_the_tooltip():
    html = run_cli("report", "incidents", "--as-of", AS_OF, "--format", "html").stdout
    assert outline(html)["incident-FT-2024-03"]["labels"] == [
        "Notify the supervisory authority (CNIL)", "Inform the people concerned", "File a criminal complaint (plainte)",
        "Strong authentication of partner advisers' accounts", "Logging that detects abnormal consultation volumes",
        "Limit advisers' access to the job seekers they follow"]
    assert ('<title>Inform the people concerned (gdpr.art34.inform_subjects): due 2024-03-08 18:00 +01:00, late'
            "</title>Inform the people concerned</text>") in html


def test_print_and_narrow_screen_rules():
    """What the browser tests below check in Chromium, as rules any browser reads."""
    html = run_cli("report", "incidents", "--as-of", AS_OF, "--format", "html").stdout
    style = html[html.index("<style>"):html.index("</style>")]
    assert "@page { size: A4;" in style
    printed = style[style.index("@media print"):]
    assert re.search(r"tr, [^{]*\{ break-inside: avoid; \}", printed)  # no row split across pages
    assert "thead { display: table-header-group; }" in printed  # headers repeated on each page
    assert ".nowrap { white-space: nowrap; }" in style  # a day or an hour is never broken
    assert "@media (max-width: 640px)" in style and "svg.timeline { width: 100%; height: auto;" in style


def test_incident_text_is_escaped(tmp_path):
    (tmp_path / "x.yaml").write_text(
        'id: X-1\ntitle: "<script>alert(1)</script> & co"\naware_at: 2026-01-05T10:00\nrisk: high\n')
    html = run_cli("report", str(tmp_path), "--as-of", AS_OF, "--format", "html").stdout
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("BREACHTRACK_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (BREACHTRACK_REQUIRE_BROWSER) but not installed")
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    return found


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of a PNG (filter bytes included)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, width, height = 8, b"", 0, 0
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunk = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        position += 12 + length
    return width, height, zlib.decompress(idat)


def test_the_sample_register_in_headless_chromium(tmp_path):
    browser = chromium()
    page = tmp_path / "report.html"
    assert run_cli("report", "incidents", "--as-of", AS_OF, "--format", "html", "--output", str(page)).returncode == 0
    shot = tmp_path / "shot.png"
    subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,1400",
                    f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1100, 1400)
    sample = pixels[:: 97]
    assert len(set(sample)) > 50  # text, bars and colours, not a blank page
    assert sum(1 for byte in sample if byte < 200) > len(sample) // 50  # dark ink on at least 2 % of it
    dom = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120, check=True).stdout
    articles = outline(dom)
    assert sorted(articles) == sorted(f"incident-{i}" for i in (
        "FT-2024-03", "FT-2025-KAIROS", "CHVE-2025-09-BACKUP", "PC-2025-10-BUCKET", "MX-2025-12-LAPTOP",
        "BE-2026-02-STUFFING", "CT-2026-11-PHISHING", "EN-2026-03-RANSOMWARE", "BK-2025-10-CARDS"))
    assert all(parts["svg"] >= 1 and parts["table"] >= 1 for parts in articles.values()), articles


OVERFLOW_PROBE = """<script>
addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const wider = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > width + 0.5);
  document.body.dataset.overflow = JSON.stringify({width, scrollWidth: document.documentElement.scrollWidth,
    wider: wider.slice(0, 5).map(e => e.outerHTML.slice(0, 160))});
});
</script>
"""
"""Measures the page once laid out; added to a copy of the report only (the report has no script)."""


def test_at_600_pixels_nothing_is_wider_than_the_window(tmp_path):
    browser = chromium()
    html = run_cli("report", "incidents", "--as-of", AS_OF, "--format", "html").stdout
    page = tmp_path / "probed.html"
    page.write_text(html.replace("</body>", OVERFLOW_PROBE + "</body>"), encoding="utf-8")
    dom = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=600,2000",
                          "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True).stdout
    found = re.search(r'data-overflow="([^"]*)"', dom)
    assert found, "the probe did not run"
    measured = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert measured == {"width": 600, "scrollWidth": 600, "wider": []}


def marked_rows(html: str) -> tuple[str, int]:
    """Every body cell begins and ends with its row's marker, XR<n>X: a row split across two pages
    leaves its marker on both."""
    numbers = itertools.count()

    def mark(row: re.Match[str]) -> str:
        if "<td" not in row.group():
            return row.group()  # a header row
        number = next(numbers)
        return re.sub(r"(<td[^>]*>)(.*?)(</td>)", lambda cell: f"{cell[1]}XR{number}X {cell[2]} XR{number}X{cell[3]}",
                      row.group(), flags=re.S)

    marked = re.sub(r"<tr[ >].*?</tr>", mark, html, flags=re.S)
    return marked, next(numbers)


def test_printed_on_a4_no_row_is_split_and_no_day_broken(tmp_path):
    browser = chromium()
    html, rows = marked_rows(run_cli("report", "incidents", "--as-of", AS_OF, "--format", "html").stdout)
    page, pdf = tmp_path / "marked.html", tmp_path / "report.pdf"
    page.write_text(html, encoding="utf-8")
    subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}",
                    "--no-pdf-header-footer", page.as_uri()], capture_output=True, timeout=120, check=True)
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)  # A4 in mm
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) > 5  # the sample register takes several pages: there are page breaks to test
    assert rows == 1 + 53  # the action table's one row; 1 overdue, 6 late, 2 pending, 23 done, 1 exempt, 20 n/a
    split = {number: pages for number in range(rows)
             if len(pages := [index + 1 for index, text in enumerate(texts) if f"XR{number}X" in text]) != 1}
    assert split == {}  # row number: the pages it is printed on
    broken = re.compile(r"\d{4}-\n\d\d-\d\d|\d{4}-\d\d-?\n\d\d\b|\d\d:\d\d\n[+-]\d\d:\d\d")  # 2024-03-|08
    assert [found for text in texts for found in broken.findall(text)] == []


def test_show_draws_each_clock_with_the_time_left_or_past():
    result = run_cli("show", "CT-2026-11-PHISHING", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "gdpr.art34.inform_subjects" in line)
    assert row.startswith("OVERDUE") and "1 day 22 h overdue" in row
    assert "━━━━━━━━━━━━━━━━━━━━│━" in row  # the clock run out, and past it
    assert "times in Europe/Paris" in result.stdout
    pending = next(line for line in result.stdout.splitlines() if "remediation.webmail-mfa" in line)
    assert "due in 128 days" in pending  # 23 November 2026 to the end of 31 March 2027
    assert run_cli("show", "NOPE").returncode == 2


def test_a_legal_clock_longer_than_a_quarter_is_drawn_on_the_calendar_scale():
    """HIPAA's report after the year end (ten months away) would shrink the 72-hour bars to a few
    pixels on the hours' scale: it gets its own panel, "Longer periods"."""
    from conftest import ROOT as PROJECT

    page = run_cli("report", str(PROJECT / "incidents-group" / "us"), "--format", "html",
                   "--as-of", "2026-05-01T12:00").stdout
    clocks, longer = page.split("<h3>Longer periods</h3>", 1)
    assert "Report the logged breach to HHS after the year end (hipaa.hhs_annual)" in longer
    assert "(hipaa.hhs_annual)" not in clocks.split("<h3>Legal clocks</h3>", 1)[1]
    assert "Notify the NYDFS Superintendent (nydfs.notice)" in clocks
