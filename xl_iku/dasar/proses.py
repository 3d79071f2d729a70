"""Start-up of a process xl-iku owns: the `xl-iku` command, a click in desktop Excel."""

from __future__ import annotations

import os


def siapkan() -> None:
    """Skip pydantic's plugin discovery, unless the user asked for it.

    At the first model schema, pydantic looks for plugins among the entry
    points of every installed distribution (importlib.metadata, and with it
    the email package): ≈ 5 ms of every start for plugins (observability
    hooks) that xl-iku never uses.  Only processes xl-iku starts call this; a
    program that imports xl_iku as a library keeps its own plugins.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
