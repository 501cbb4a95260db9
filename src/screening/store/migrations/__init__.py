"""Alembic migrations of the screening database; run by screening.store.db.migrate."""
