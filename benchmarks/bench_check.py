"""How fast is `breachtrack check` on a large register, against a bare libyaml parse?

Generates a register of N realistic incident files (default 10,000: a mix of the sample
register's shapes, some with sanctions and remediation calendars), then in one run times

- `breachtrack check` on it as a whole process (start-up, loading, rules, output), and
- a bare PyYAML C-loader parse of the same files, in this process (reading included),

and prints the files per second of both and their ratio. Run: python benchmarks/bench_check.py [N]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

SAMPLE = Path(__file__).resolve().parent.parent / "incidents"


def generate(folder: Path, count: int, seed: int = 2026) -> None:
    """Copies of the sample incidents with fresh ids and shifted dates, spread over folders."""
    shapes = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.yaml"))]
    chooser = random.Random(seed)
    for number in range(count):
        text = chooser.choice(shapes)
        original_id = next(line for line in text.splitlines() if line.startswith("id: "))[4:]
        text = text.replace(f"id: {original_id}", f"id: GEN-{number:06d}", 1)
        subfolder = folder / f"{number // 1000:03d}"
        subfolder.mkdir(exist_ok=True)
        (subfolder / f"incident-{number:06d}.yaml").write_text(text, encoding="utf-8")


def bare_parse(folder: Path) -> float:
    started = time.perf_counter()
    for path in sorted(folder.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def whole_check(folder: Path) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "breachtrack", "check", str(folder), "--as-of", "2026-11-23T12:00"],
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, result.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best is kept")
    options = parser.parse_args()
    if not getattr(yaml, "__with_libyaml__", False):
        sys.exit("PyYAML has no libyaml here: the bare C-loader parse cannot be measured")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        generate(folder, options.count)
        bare = min(bare_parse(folder) for _ in range(options.repeat))
        checks = [whole_check(folder) for _ in range(options.repeat)]
        check = min(seconds for seconds, _ in checks)
        codes = sorted({code for _, code in checks})
    n = options.count
    print(f"files                         {n:>10,}")
    print(f"bare C-loader parse           {bare:>9.2f} s  {n / bare:>9,.0f} files/s")
    print(f"breachtrack check (process)   {check:>9.2f} s  {n / check:>9,.0f} files/s  (exit {codes})")
    print(f"check rate / bare parse rate  {bare / check:>10.0%}  (target: at least 50 %)")


if __name__ == "__main__":
    main()
