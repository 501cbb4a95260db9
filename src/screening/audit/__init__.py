"""Tamper-evident audit log: an append-only hash chain per tenant, and its verification."""
