"""How fast and how lean is breachtrack on registers of 100 to 100,000 incidents?

For each size, in one run, on the same generated files (copies of the sample register's
shapes with fresh ids, some with sanctions and remediation calendars):

- ``breachtrack check`` and ``breachtrack report --format json`` as whole processes: wall time,
  files per second, and peak memory (the resident memory of the process and its workers,
  sampled every 10 ms);
- a bare PyYAML C-loader parse of the same files in this process (reading included);
- check-jsonschema validating the same files against ``breachtrack schema``, when installed.

Then start-up: ``breachtrack --version`` and ``check`` on a 3-file register against
``python -c pass`` (best of 20), and against the floor its libraries set: a typer command that
validates one pydantic model and parses the same 3 files with the C loader. Prints a table and writes it as JSON for comparison between
commits. Run: python benchmarks/bench_check.py [--sizes 100,1000,10000,100000] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "incidents"
AS_OF = "2026-11-23T12:00"
BREACHTRACK = [sys.executable, "-m", "breachtrack"]


def generate(folder: Path, count: int, seed: int = 2026) -> None:
    """Copies of the sample incidents with fresh ids, spread over folders of 1,000 files."""
    shapes = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.yaml"))]
    shutil.copy(SAMPLE / "breachtrack.toml", folder)
    chooser = random.Random(seed)
    for number in range(count):
        text = chooser.choice(shapes)
        original_id = next(line for line in text.splitlines() if line.startswith("id: "))[4:]
        text = text.replace(f"id: {original_id}", f"id: GEN-{number:06d}", 1)
        subfolder = folder / f"{number // 1000:03d}"
        subfolder.mkdir(exist_ok=True)
        (subfolder / f"incident-{number:06d}.yaml").write_text(text, encoding="utf-8")


def _tree_rss(root: int) -> int:
    """Resident memory, in bytes, of ``root`` and all its descendants."""
    parents, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid and child not in tree]
        tree.update(children)
        frontier += children
    return sum(rss.get(pid, 0) for pid in tree)


def timed(command: list[str]) -> float:
    """Wall time of a whole process, its workers included."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def peak_memory_mb(command: list[str]) -> float:
    """Peak resident memory of a process and its workers, sampled every 10 ms. Sampling
    reads all of /proc and takes a sixth of a core, so it runs apart from the timed runs."""
    peak = 0
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.01)
    return peak / 1e6


def bare_parse(folder: Path) -> float:
    started = time.perf_counter()
    for path in sorted(folder.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def check_jsonschema(folder: Path, schema: Path) -> float | None:
    executable = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
        "check-jsonschema"
    )
    if executable is None:
        return None
    files = [str(p) for p in sorted(folder.rglob("*.yaml"))]
    started = time.perf_counter()
    for batch in range(0, len(files), 5000):  # the command line has a length limit
        subprocess.run([executable, "--schemafile", str(schema), *files[batch : batch + 5000]],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def best(command: list[str], runs: int) -> float:
    return min(timed(command) for _ in range(runs))


def run_size(count: int, repeat: int, schema: Path) -> dict:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        generate(folder, count)
        bare = min(bare_parse(folder) for _ in range(repeat))
        check_command = [*BREACHTRACK, "check", str(folder), "--as-of", AS_OF]
        report_command = [*BREACHTRACK, "report", str(folder), "--as-of", AS_OF, "--format", "json"]
        check = {"seconds": best(check_command, repeat), "peak_mb": peak_memory_mb(check_command)}
        report = {"seconds": best(report_command, repeat), "peak_mb": peak_memory_mb(report_command)}
        jsonschema = check_jsonschema(folder, schema)
    row = {
        "files": count,
        "bare_parse_files_per_s": count / bare,
        "check": {**check, "files_per_s": count / check["seconds"]},
        "report_json": {**report, "files_per_s": count / report["seconds"]},
        "check_jsonschema_files_per_s": count / jsonschema if jsonschema else None,
    }
    row["check_vs_bare_parse"] = row["check"]["files_per_s"] / row["bare_parse_files_per_s"]
    if jsonschema:
        row["check_vs_check_jsonschema"] = row["check"]["files_per_s"] / row["check_jsonschema_files_per_s"]
    return row


# What any typer + pydantic + PyYAML command pays before doing its own work.
LIBRARIES_FLOOR = """
import sys
from pathlib import Path

import typer
import yaml
from pydantic import BaseModel


class Incident(BaseModel):
    id: str


def check(folder: Path) -> None:
    for path in sorted(folder.glob("*.yaml")):
        Incident.model_validate(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))


typer.run(check)
"""


def startup() -> dict:
    # as installed by pip, the package's modules are compiled once (an editable install, or
    # PYTHONDONTWRITEBYTECODE, would otherwise compile them again at every start)
    import breachtrack

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(breachtrack.__file__).parent)],
                   stdout=subprocess.DEVNULL, check=True)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for name in ("2025-10-payroll-processor.yaml", "2025-12-lost-laptop.yaml", "2026-02-late-notification.yaml"):
            shutil.copy(SAMPLE / name, folder)
        python = best([sys.executable, "-c", "pass"], 20)
        floor = best([sys.executable, "-c", LIBRARIES_FLOOR, str(folder)], 20)
        version = best([*BREACHTRACK, "--version"], 20)
        check = best([*BREACHTRACK, "check", str(folder), "--as-of", AS_OF], 20)
    return {"python_pass_s": python, "libraries_floor_s": floor, "version_s": version, "check_3_files_s": check,
            "check_3_files_over_python_s": check - python, "libraries_floor_over_python_s": floor - python}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each timing; the best is kept")
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results.json"))
    options = parser.parse_args()
    if not getattr(yaml, "__with_libyaml__", False):
        sys.exit("PyYAML has no libyaml here: the bare C-loader parse cannot be measured")
    with tempfile.TemporaryDirectory() as temporary:
        schema = Path(temporary) / "incident.schema.json"
        schema.write_bytes(subprocess.run([*BREACHTRACK, "schema"], capture_output=True, check=True).stdout)
        rows = [run_size(int(size), options.repeat, schema) for size in options.sizes.split(",")]
    start = startup()
    print(f"{'files':>8} | {'bare parse':>10} | {'check':>8} | {'ratio':>5} | {'peak MB':>7} | "
          f"{'report json':>11} | {'peak MB':>7} | {'check-jsonschema':>16} | {'check / cj':>10}")
    print("-" * 111)
    for row in rows:
        cj = row["check_jsonschema_files_per_s"]
        versus = f"{row['check_vs_check_jsonschema']:.1f}x" if cj else "-"
        print(f"{row['files']:>8,} | {row['bare_parse_files_per_s']:>8,.0f}/s | {row['check']['files_per_s']:>6,.0f}/s | "
              f"{row['check_vs_bare_parse']:>5.0%} | {row['check']['peak_mb']:>7,.0f} | "
              f"{row['report_json']['files_per_s']:>9,.0f}/s | {row['report_json']['peak_mb']:>7,.0f} | "
              f"{(f'{cj:,.0f}/s' if cj else 'not installed'):>16} | "
              f"{versus:>10}")
    print(f"\nstart-up (best of 20): python -c pass {start['python_pass_s']:.3f} s, breachtrack --version "
          f"{start['version_s']:.3f} s, check on 3 files {start['check_3_files_s']:.3f} s "
          f"(+{start['check_3_files_over_python_s']:.3f} s over python); the libraries' floor "
          f"{start['libraries_floor_s']:.3f} s (+{start['libraries_floor_over_python_s']:.3f} s)")
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine()}
    options.json.write_text(json.dumps({"machine": machine, "sizes": rows, "startup": start}, indent=2) + "\n")
    print(f"written to {options.json}")


if __name__ == "__main__":
    main()
