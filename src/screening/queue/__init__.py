"""Distributed job execution: chunks of a job screened by Celery workers over a Redis broker."""
