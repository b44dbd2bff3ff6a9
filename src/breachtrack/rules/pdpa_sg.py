"""pdpa_sg: to be written (issue 15).

Legal basis: see docs/legal/beyond-europe.md.
"""

from __future__ import annotations

from breachtrack.model import Config, Incident
from breachtrack.rules import Assessment


def assess(incident: Incident, config: Config) -> list[Assessment]:
    return []
