"""report --format html: a self-contained page, golden for a small register, and the sample
register's page rendered in headless Chromium (a screenshot, then the DOM)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import AS_OF, EXAMPLES, golden, run_cli

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


class Outline(HTMLParser):
    """Each incident article, and how many SVG timelines and tables it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: dict[str, dict[str, int]] = {}
        self.current: str | None = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article" and "incident" in (attributes.get("class") or ""):
            self.current = attributes["id"]
            self.articles[self.current] = {"svg": 0, "table": 0}
        elif self.current and tag in ("svg", "table"):
            self.articles[self.current][tag] += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.current = None


def outline(html: str) -> dict[str, dict[str, int]]:
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
    assert "@media print" in html and "size: A4" in html
    articles = outline(html)
    assert len(articles) == 9
    assert all(parts["svg"] >= 1 and parts["table"] == 1 for parts in articles.values()), articles
    assert articles["incident-FT-2024-03"]["svg"] == 2  # the legal clocks, and the remediation calendar
    for figure in ("<dt>Overdue</dt><dd>1</dd>", "<dt>Astreinte accrued</dt><dd>60,000 EUR</dd>",
                   "<dt>Due within 72 h</dt><dd>0</dd>"):
        assert figure in html


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
    assert all(parts["svg"] >= 1 and parts["table"] == 1 for parts in articles.values()), articles


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
