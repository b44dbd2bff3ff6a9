"""The reporters in French: golden files of what a French DPO reads (``check``, ``show``,
``report --format md``, ``stats``), read and corrected by hand; every people format free of
English words; English untouched (the English goldens of test_cli.py and test_stats.py).

The outputs are rendered in-process inside ``i18n.using("fr")``, judged in French as the CLI
judges them: what the CLI adds (``--lang``, the ``language`` setting) is tested with it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import AS_OF, ROOT, golden

from breachtrack import cli, i18n
from breachtrack import stats as statistics
from breachtrack.reporters import draft, markdown, show, shown, stats, text

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


# --- no English in French output ---------------------------------------------------------------

ENGLISH = frozenset("""
the and of to with is are was were be been being not for by at in into from this that these those which who
it its has have had will would than more each every only per any
overdue late done pending soon days day hours hour weeks week months month minutes
notify notified inform informed breach breaches fine ceiling ceilings exposure accrued policy target legal basis
status why when what where file files times time left past apply applies does authority controller processor
register summary needs action exempt recorded delay delays median percentile share people data reports
deadline deadlines committed author valid invalid error errors warning yes no none
""".split()) - {"none"}
"""Common English words that French never writes: 'due' is left out (« une astreinte n'est due
qu'une fois liquidée »), and so are 'report' (« ne bénéficie pas du report »), 'a', 'an', 'as',
'on', 'or' and 'incident(s)', French words too; 'none' is the value of fail_on, which the user
types."""

KEPT = re.compile("|".join(re.escape(name) for name in sorted((
    "UK GDPR", "GDPR", "CNIL", "ANSSI", "ACPR", "DORA", "NIS 2", "ICO", "PECR", "EUR", "DPA 2018 s.157",
    "Information Commissioner", "GitHub Actions", "git fetch --unshallow", "fetch-depth", "--fail-on", "fail_on",
    "breachtrack.toml", "breachtrack check", "chef de file", "week-end",
), key=len, reverse=True)))
"""Names and settings that stay as they are in French: laws' and authorities' abbreviations,
UK law's citations, the tool's own options and setting names."""
IDENTIFIER = re.compile(r"`[^`]*`|\b[\w-]+(?:[./][\w-]+)+\b|\b\w+_\w+\b")
"""Ids (``gdpr.art33.notify_authority``), field names (``detected_at``), paths, zones and code
spans (``risk``): what the user types, in every language."""


def _file_values(register: Path) -> list[str]:
    """Every text value of the register's files, whitespace folded, the longest first: free text
    stays as the user wrote it, in whatever language."""
    import yaml

    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            found.add(" ".join(node.split()))

    for path in register.glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(found, key=len, reverse=True)


def _people_text(kind: str, output: str) -> str:
    """What a person reads of an output: text of an HTML page, the annotations of a JUnit or
    GitLab report, the summaries and descriptions of a calendar; escapes undone."""
    import html as markup
    import json
    import xml.etree.ElementTree as ET

    from icalendar import Calendar

    if kind == "html":
        output = re.sub(r"<style>.*?</style>", " ", output, flags=re.DOTALL).replace("<wbr>", "")
        output = markup.unescape(re.sub(r"<[^>]+>", " ", output))
    elif kind == "github":  # the workflow command's own syntax is GitHub's; its values are escaped
        output = re.sub(r"::(error|warning) |\b(file|line|col|title)=", " ", output)
        output = output.replace("%3A", ":").replace("%2C", ",").replace("%0A", "\n").replace("%25", "%")
    elif kind == "csv-keys":  # the rows name the figures by the JSON document's keys: only the header is words
        output = output.removeprefix("\ufeff").splitlines()[0]
    elif kind == "junit":
        root = ET.fromstring(output.encode("utf-8"))
        output = "\n".join([*(element.get(name) or "" for element in root.iter() for name in ("name", "message")
                              if element.tag != "property"),
                            *(element.text or "" for element in root.iter())])
    elif kind == "json":
        output = "\n".join(issue["description"] for issue in json.loads(output))
    elif kind == "ical":
        calendar = Calendar.from_ical(output)
        output = "\n".join([str(calendar["X-WR-CALNAME"]), *(
            str(component[name]) for component in calendar.walk() if component.name in ("VEVENT", "VALARM")
            for name in ("SUMMARY", "DESCRIPTION") if name in component)])
    elif kind in ("md", "stats-md", "text"):
        output = re.sub(r"</?(details|summary)>", " ", output)
        output = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>|~])", r"\1", output)
    return " ".join(output.split())


def english_words(kind: str, output: str, values: list[str]) -> list[str]:
    """The English words of an output, once its values, names and ids are taken out."""
    said = _people_text(kind, output)
    if values:  # whole values only: 'fr' is a value, and « transfrontalier » a French word
        said = re.sub("|".join(rf"(?<!\w){re.escape(value)}(?!\w)" for value in values), " ", said)
    said = IDENTIFIER.sub(" ", KEPT.sub(" ", said))
    return sorted({word for word in re.findall(r"[^\W\d_]+", said) if word.lower() in ENGLISH})


def test_no_english_word_in_any_french_output():
    from french_outputs import french_outputs

    values = _file_values(ROOT / "incidents")
    leaks = {name: words for name, kind, output in french_outputs(SAMPLE, AS_OF)
             if (words := english_words("csv-keys" if name == "stats csv" else kind, output, values))}
    assert leaks == {}


def test_the_leak_finder_finds_english():
    assert english_words("md", "| Notify the authority | 3 days overdue |", []) == [
        "Notify", "authority", "days", "overdue", "the"]
    assert english_words("md", "Notifier la violation à la CNIL (`gdpr.art33.notify_authority`), UK GDPR", []) == []
    assert english_words("text", "motifs : The attack was late", ["The attack was late"]) == []


def test_a_french_draft_writes_the_first_of_a_month_as_french_does():
    assert draft._day(date(2025, 11, 1), "fr") == "1er novembre 2025"
    assert draft._day(date(2025, 11, 1), "en") == "1 November 2025"


def test_times_in_french_tables_name_the_month():
    moment = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert shown(moment) == "2026-11-23 12:00 +01:00" and shown(date(2026, 7, 29)) == "2026-07-29"
    with i18n.using("fr"):
        assert shown(moment) == "23 nov. 2026 12:00 +01:00" and shown(date(2026, 7, 29)) == "29 juil. 2026"
        assert shown(moment, offset=False) == "23 nov. 2026 12:00"
