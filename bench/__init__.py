"""Benchmarks and the labelled evaluation of the matching engine (`python -m bench.<name>`)."""
