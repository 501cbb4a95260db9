"""The one test harness: the real app served (in process or on loopback, on SQLite or
PostgreSQL), waiting for jobs and other conditions, and uploading sheets.

Tests import it as `support.<module>` (tests/ is on the path through the root conftest).
"""
