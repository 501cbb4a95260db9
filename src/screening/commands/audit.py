"""`screening audit verify`: check every audit chain in the database from its first record."""

from __future__ import annotations

import argparse
import json
import sys

from screening.audit.log import verify_chains
from screening.config import load_settings
from screening.store.db import make_engine, migrate, open_session

EXIT_VALID = 0
EXIT_INVALID = 1


def verify(args: argparse.Namespace) -> int:
    """Exit 0 when every chain is intact, 1 when a record was edited, deleted or reordered."""
    engine = make_engine(load_settings().database_url)
    try:
        migrate(engine)
        with open_session(engine) as session:
            chains = [args.tenant] if args.tenant is not None else None
            verification = verify_chains(session, chains)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(verification.to_dict(), indent=2))
    else:
        for verdict in verification.chains:
            name = verdict.chain or "system"
            if verdict.valid:
                print(f"{name}: valid, {verdict.records} records, head {verdict.head_hash}")
            else:
                problem = verdict.problem.value if verdict.problem else "invalid"
                print(f"{name}: INVALID ({problem}) at record {verdict.seq}: {verdict.detail}")
        if not verification.chains:
            print("no audit records yet")
    if not verification.valid:
        print("screening audit: the audit log has been tampered with", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_VALID
