"""The directory where every process of a server writes its metrics (prometheus-client's
multiprocess mode), prepared before prometheus-client is imported, which reads the variable once.

Kept apart from screening.metrics, which imports prometheus-client: a command calls
`use_multiprocess_dir` first, then imports the app.
"""

from __future__ import annotations

import os
from pathlib import Path

from screening.processes import is_running

MULTIPROCESS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"  # prometheus-client's own name for it


def use_multiprocess_dir(default: Path) -> Path:
    """The directory named by PROMETHEUS_MULTIPROC_DIR, else `default` (then named in the
    environment for this process and the processes it starts); created, with the files of
    processes that are gone removed (their counts restart, which Prometheus' rate() allows)."""
    directory = Path(os.environ.setdefault(MULTIPROCESS_DIR_VARIABLE, str(default)))
    directory.mkdir(parents=True, exist_ok=True)
    for path in directory.glob("*.db"):
        pid_text = path.stem.rsplit("_", 1)[-1]
        if pid_text.isdigit() and not is_running(int(pid_text)):
            path.unlink(missing_ok=True)
    return directory
