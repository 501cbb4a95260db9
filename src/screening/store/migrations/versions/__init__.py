"""Alembic revisions, one file each, named <revision id>.py."""
