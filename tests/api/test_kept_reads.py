"""What a serving process keeps of keys and decisions (store.generations) never outlives a
change made by another process: the change moves the database's read generation in its own
transaction, and the next request anywhere reads the new number. (A decision kept as absent
and then made: tests/api/test_decisions_api.py, the next screening clears it.)"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from sqlmodel import Session

from screening.store.generations import session_generation
from screening.store.tenants import issue_key, revoke_key
from support.serving import Api, Tenant

SUPPLIER = {"name": "Korea Sobaeksu Trading Company", "country": "KP"}

# Another process, as a second serving process or an operator's CLI would: the store's own
# revocation, committed, and nothing else.
_REVOKE = textwrap.dedent(
    """
    import sys
    from sqlmodel import Session
    from screening.store.db import make_engine
    from screening.store.tenants import revoke_key
    url, tenant_id, key_id = sys.argv[1:]
    with Session(make_engine(url)) as session:
        assert revoke_key(session, tenant_id, key_id) is not None
        session.commit()
    """
)


def database_url(api: Api) -> str:
    return api.service.engine.url.render_as_string(hide_password=False)


def test_a_key_revoked_by_another_process_is_refused_at_the_next_request(
    api: Api, tenant: Tenant
) -> None:
    created = api.post("/v1/admin/keys", tenant.admin_key, json={"role": "analyst"}).json()
    assert api.screen(created["api_key"], SUPPLIER).status_code == 200  # kept by this process

    subprocess.run(
        [sys.executable, "-c", _REVOKE, database_url(api), tenant.tenant_id, created["key_id"]],
        check=True,
    )

    refused = api.screen(created["api_key"], SUPPLIER)
    assert refused.status_code == 401
    assert refused.json()["error"]["message"] == "unknown or revoked API key"


def test_a_key_or_a_decision_moves_the_read_generation_in_its_own_transaction(
    api: Api, tenant: Tenant
) -> None:
    with Session(api.service.engine) as session:
        before = session_generation(session)
        issued = issue_key(session, tenant.tenant_id, "analyst")
        session.rollback()  # not committed: nobody else saw it, the generation stays
        assert session_generation(session) == before
        issued = issue_key(session, tenant.tenant_id, "analyst")
        session.commit()
        after_issue = session_generation(session)
        revoke_key(session, tenant.tenant_id, issued.key_id)
        session.commit()
        assert before < after_issue < session_generation(session)
