"""numba, with its on-disk cache where it can be written.

numba caches compiled kernels beside the sources, else in the user's cache folder. Installed for
all users in a read-only location and run with an unwritable HOME (a container, a lab machine),
both fail and every compiled function raised "cannot cache function". Such a process caches in
the temporary folder instead (``NUMBA_CACHE_DIR``, unless the user has set it).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def fallback_cache_dir(package: Path, environ: Mapping[str, str]) -> str | None:
    """Where numba should cache when it cannot beside the sources, or None when it can.

    Parameters
    ----------
    package
        The folder of negosim's sources.
    environ
        The environment (a user's ``NUMBA_CACHE_DIR`` wins).

    Returns
    -------
    str or None
        A folder in the temporary directory, one per user.
    """
    if "NUMBA_CACHE_DIR" in environ or os.access(package, os.W_OK):
        return None
    user = os.getuid() if hasattr(os, "getuid") else "user"
    return str(Path(tempfile.gettempdir()) / f"negosim-numba-{user}")


_fallback = fallback_cache_dir(Path(__file__).parent, os.environ)
if _fallback is not None:
    os.environ["NUMBA_CACHE_DIR"] = _fallback

import numba  # noqa: E402  (after the cache folder is set: numba reads it on import)

if _fallback is not None:
    numba.config.CACHE_DIR = _fallback  # type: ignore[attr-defined]  # numba imported earlier

__all__ = ["numba"]
