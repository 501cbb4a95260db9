"""Watchlists: one entry model, and loaders that read each publisher's own file format."""
