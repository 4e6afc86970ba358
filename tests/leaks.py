"""What must never reach a published file: local paths, this machine's user and host names."""

from __future__ import annotations

import getpass
import os
import re
import socket
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def local_needles() -> list[tuple[str, re.Pattern[str]]]:
    """What must not appear in a published file: local paths, this user, this host."""
    paths = {
        "/work/",
        "/root/",
        "/home/",
        "/tmp/",
        "/Users/",
        "C:\\Users\\",
        "/var/folders/",
        str(ROOT) + "/",
        tempfile.gettempdir() + "/",
        str(Path.home()) + "/",
    }
    found = [(p, re.compile(re.escape(p))) for p in sorted(paths) if len(p) > 2]
    users = {getpass.getuser(), *(os.environ.get(v, "") for v in ("USER", "LOGNAME", "SUDO_USER"))}
    for u in sorted(x for x in users if x):
        found.append(
            (
                f"user {u}",
                re.compile(rf"(/home/|/Users/|\\Users\\){re.escape(u)}\b|\b{re.escape(u)}@"),
            )
        )
    hosts = {socket.gethostname(), socket.gethostname().split(".")[0]} - {"", "localhost"}
    for h in sorted(hosts):
        found.append((f"host {h}", re.compile(rf"(?<![\w.-]){re.escape(h)}(?![\w-])")))
    return found
