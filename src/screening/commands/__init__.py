"""Handlers of the `screening` console commands; each module owns one group of subcommands."""
