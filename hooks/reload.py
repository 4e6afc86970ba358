"""MkDocs hook: under ``mkdocs serve``, a save is heard at once and every rebuild runs the
current nn11 and hooks code.

- **Hearing a save.** MkDocs' server polls the watched folders every 0.5 s and then waits 0.1 s
  for the changes to stop: on average about 0.35 s between a save and the rebuild starting.
  :func:`on_serve` moves its watches to watchdog's native observer (inotify on Linux, FSEvents on
  macOS; watchdog falls back to polling elsewhere), which reports a save within milliseconds,
  and waits :data:`QUIET` for the burst of events one save makes.
- **Fresh code.** MkDocs imports each hook once per process and Python keeps ``nn11`` imported,
  so after an edit to either (``watch:`` in mkdocs.yml triggers the rebuild) the rebuild would
  still run the old code, and the cached results would be keyed by the new sources. After each
  build under serve this hook forgets both; the next build imports them from disk.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from mkdocs.config.config_options import Hooks
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer

#: Seconds without a further file event before a rebuild starts (MkDocs waits 0.1 s).
QUIET = 0.05


def serving() -> bool:
    return sys.argv[1:2] == ["serve"]


def forget() -> None:
    """Drop the hooks (MkDocs' cache and ours) and nn11 from this process."""
    Hooks._load_hook.cache_clear()
    for name in list(sys.modules):
        if name.partition(".")[0] in {"nn11", "hooks"} or name.startswith("hooks/"):
            del sys.modules[name]


def native_watches(server: LiveReloadServer) -> LiveReloadServer:
    """Move the server's watches (not started yet) from its polling observer to a native one."""
    watched = dict(server._watched_paths)
    server.observer = Observer()  # type: ignore[assignment]  # MkDocs uses only the base API
    server._watched_paths.clear()
    server._watch_refs.clear()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    server.build_delay = QUIET
    return server


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None], **_: object
) -> LiveReloadServer:
    return native_watches(server)


def on_post_build(config: MkDocsConfig, **_: object) -> None:
    if serving():
        forget()


def on_build_error(error: Exception, **_: object) -> None:
    if serving():
        forget()
