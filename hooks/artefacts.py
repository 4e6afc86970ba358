"""MkDocs hook: start every declared artefact (hooks/cache.py) on one pool, once the other
hooks have declared theirs (on_config, last); end the pool with the build.

The hooks that use an artefact ask for its folder when they need it; it is then ready, or
they wait for its run. A warm build starts nothing.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from hooks import cache


@event_priority(-100)  # after every other on_config: hooks/notebook_run.py declares there
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    cache.start()
    return config


def on_post_build(config: MkDocsConfig) -> None:
    cache.stop(wait=True)


def on_build_error(error: Exception) -> None:
    cache.stop()
