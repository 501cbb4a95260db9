"""Name normalisation: scripts, legal forms, Korean romanisation folding, tokens and weights.

Pure functions over strings, driven by the TOML files in `data/`; no I/O beyond reading them.
"""

from screening.names.normalise import NormalisedName, normalise_name, normalise_person_name

__all__ = ["NormalisedName", "normalise_name", "normalise_person_name"]
