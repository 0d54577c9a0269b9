"""MkDocs hook: each build reuses the theme templates compiled by the builds before it in this process.

MkDocs makes a new Jinja environment for every build: two per `mkdocs build` (mkdocs-static-i18n
builds each language) and two per rebuild of `make serve`, each parsing and compiling the theme's
templates again (about a fifth of a rebuild after an edit). One bytecode cache for the process hands
every new environment the code compiled before; Jinja keys it on the template's file and checks it
against the template's source, so an edited template is compiled again.
"""
from __future__ import annotations

import jinja2


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates in memory."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])  # dropped by Jinja if the source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_CACHE = _Compiled()


def on_env(env, config, files):
    env.bytecode_cache = _CACHE
    return env
