"""Persistence: the database engine, Alembic migrations, tables and the snapshot store."""
