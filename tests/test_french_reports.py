"""The reporters in French: golden files of what a French DPO reads (``check``, ``show``,
``report --format md``, ``stats``), read and corrected by hand; every people format free of
English words; English untouched (the English goldens of test_cli.py and test_stats.py).

The outputs are rendered in-process inside ``i18n.using("fr")``, judged in French as the CLI
judges them: what the CLI adds (``--lang``, the ``language`` setting) is tested with it.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT, golden

from breachtrack import cli, i18n
from breachtrack import stats as statistics
from breachtrack.engine import Gate
from breachtrack.reporters import (
    draft,
    export,
    github,
    gitlab,
    history,
    html,
    ical,
    junit,
    markdown,
    shown,
    show,
    stats,
    text,
)

SAMPLE = Path("incidents")
"""The sample register, as the English goldens name it: from the root of the repository."""


@pytest.fixture(autouse=True)
def _from_the_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def french(render, *args, **kwargs):
    """``render`` speaking French."""
    with i18n.using("fr"):
        return render(*args, **kwargs)


def _built(register: Path = SAMPLE, as_of: str = AS_OF):
    with i18n.using("fr"):
        return cli._evaluate([register], as_of)


def test_check_golden():
    loaded, report = _built()
    gate = cli.parse_gate(None, None, loaded)
    golden("check.fr.txt", french(text.render, report, gate, color=False))


def test_show_golden():
    with i18n.using("fr"):
        sourced, judged, moment = cli._incident_at("FT-2025-KAIROS", SAMPLE, AS_OF)
        golden("show-FT-2025-KAIROS.fr.txt", show.render(sourced.incident, judged, moment, color=False, width=160))


def test_report_markdown_golden():
    loaded, report = _built()
    golden("report.fr.md", french(markdown.render, report, loaded.config.warn_within.elapsed()))


def test_stats_markdown_golden():
    report = _built()[1]
    golden("stats.fr.md", french(lambda: stats.render_md(statistics.compute(report, None, None))))
