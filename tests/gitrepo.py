"""Throwaway git repositories for the history and evidence tests: commits made at chosen
dates, by chosen authors, whatever the machine's own git configuration says."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

CLAIRE = ("Claire Martin", "dpo@example.org")


def git_environment(**more: str) -> dict[str, str]:
    """No global or system configuration of this machine (signing, hooks) reaches the test; an
    identity for the commands that want one."""
    identity = {"GIT_AUTHOR_NAME": CLAIRE[0], "GIT_AUTHOR_EMAIL": CLAIRE[1], "GIT_COMMITTER_NAME": CLAIRE[0],
                "GIT_COMMITTER_EMAIL": CLAIRE[1]}
    return {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", **identity, **more}


def git(repo: Path, *arguments: str, **environment: str) -> str:
    result = subprocess.run(["git", *arguments], cwd=repo, env=git_environment(**environment), capture_output=True,
                            text=True, check=True)
    return result.stdout.strip()


def new_repository(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    return path


def commit(repo: Path, message: str, when: str, author: tuple[str, str] = CLAIRE, committed: str | None = None,
           committer: tuple[str, str] | None = None) -> str:
    """Commit everything in the work tree; ``when`` is the author date, ``committed`` the committer
    date (the same by default). Returns the commit's id."""
    committer = committer or author
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, GIT_AUTHOR_NAME=author[0], GIT_AUTHOR_EMAIL=author[1],
        GIT_AUTHOR_DATE=when, GIT_COMMITTER_NAME=committer[0], GIT_COMMITTER_EMAIL=committer[1],
        GIT_COMMITTER_DATE=committed or when)
    return git(repo, "rev-parse", "HEAD")
