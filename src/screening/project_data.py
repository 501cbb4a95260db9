"""The project's own data shipped inside the package: the folder `lists/` of the repository
(sources.toml, the curated DPRK-labour list, host risk), installed as `screening/lists`."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE_FOLDER = "lists"


class ProjectDataError(FileNotFoundError):
    """A file the service needs at start is missing or unreadable; names it and the setting."""

    def __init__(self, path: Path, setting: str, reason: str = "missing") -> None:
        super().__init__(f"{path}: {reason} (set {setting} to a folder that holds it)")
        self.path = path
        self.setting = setting
        self.reason = reason


def packaged_lists_dir() -> Path:
    """The installed copy of lists/: a real folder for wheel and editable installs alike."""
    folder = resources.files("screening").joinpath(PACKAGE_FOLDER)
    # Installed from a wheel (unpacked) or editable, the package lives on the file system;
    # the service reads these files by path, so a zipped install is not supported.
    return Path(str(folder))


def read_packaged(name: str) -> bytes:
    """A file of the packaged lists/ folder (never the operator's SCREENING_LISTS_DIR)."""
    return resources.files("screening").joinpath(PACKAGE_FOLDER, name).read_bytes()
