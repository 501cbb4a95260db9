"""Whether a process id names a running process: files named after a process (Screener files,
metrics files) are removed once their process is gone."""

from __future__ import annotations

import os


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True
