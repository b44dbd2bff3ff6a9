"""The evidence bundle of one incident, for a supervisory authority's control: a zip of its
members, a MANIFEST.json and a SHA256SUMS file that ``sha256sum -c`` checks.

Pure: the members' bytes in, the zip's bytes out. The same members give the same bytes: every
member has the same fixed time and mode, in a fixed order, so two bundles of the same
register and as-of time compare equal byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import zipfile
from typing import Any

from breachtrack.safetext import json_text

MANIFEST = "MANIFEST.json"
SUMS = "SHA256SUMS"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip can hold: no member carries the moment the bundle was made."""


def incident_member(name: str) -> str:
    """The incident file's name in the bundle: ``incident/`` and its name reduced to letters,
    digits, '.', '_' and '-', so that no name written by a pull request can climb out of the
    folder it is unzipped in or break a line of SHA256SUMS."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip(".-")
    if not re.search(r"\.ya?ml$", safe, re.IGNORECASE):
        safe = "incident.yaml"
    return f"incident/{safe}"


def manifest(members: dict[str, bytes], about: dict[str, Any]) -> bytes:
    document = {**about, "members": [
        {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)} for name, data in members.items()
    ]}
    return (json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n").encode("utf-8")


def sums(members: dict[str, bytes]) -> bytes:
    """``sha256sum``'s own format: the digest, two spaces (text mode), the name."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in members.items()).encode("ascii")


def render(members: dict[str, bytes], about: dict[str, Any]) -> bytes:
    """The zip: MANIFEST.json (every member but the two lists, and ``about``), SHA256SUMS (every
    other member, MANIFEST.json included), then the members in the order given."""
    with_manifest = {MANIFEST: manifest(members, about), **members}
    every = {SUMS: sums(with_manifest), **with_manifest}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name, data in every.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.create_system = 3  # Unix, wherever the bundle is made: the mode below is read as such
            info.external_attr = (stat.S_IFREG | 0o644) << 16  # a regular file, read by all, written by none but its owner
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, data, compresslevel=9)
    return buffer.getvalue()
