"""Where the texts beside the repository are: `../shared` (or GRAPHSVC_SHARED).

The seed documents and the news texts may not be copied into the repository, so the few tests that
read them mark themselves `shared("path")`; tests/conftest.py skips them loudly without the folder
and fails them when the folder is there but the path is not.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("GRAPHSVC_SHARED") or REPO.parent / "shared")
