"""POST/GET/DELETE /v1/webhooks: admins set the tenant's webhook; its secret is never shown."""

from __future__ import annotations

from api_support import Api, Tenant

SECRET = "whsec-webhooks-test-0123456789"
HOOK = {"url": "https://erp.example/hooks/screening", "secret": SECRET}


def test_webhook_secret_is_never_returned(api: Api, tenant: Tenant, auditor_key: str) -> None:
    created = api.post("/v1/webhooks", tenant.admin_key, json=HOOK)
    assert created.status_code == 201, created.text
    shown = api.get("/v1/webhooks", auditor_key)
    assert SECRET not in created.text
    assert SECRET not in shown.text
    assert shown.json()["webhook"]["url"] == HOOK["url"]


def test_only_admins_set_the_webhook(api: Api, analyst_key: str, auditor_key: str) -> None:
    assert api.post("/v1/webhooks", analyst_key, json=HOOK).status_code == 403
    assert api.post("/v1/webhooks", auditor_key, json=HOOK).status_code == 403


def test_webhook_url_must_be_http_or_https(api: Api, tenant: Tenant) -> None:
    body = {"url": "file:///etc/passwd", "secret": SECRET}
    assert api.post("/v1/webhooks", tenant.admin_key, json=body).status_code == 422


def test_short_secret_is_refused(api: Api, tenant: Tenant) -> None:
    body = {"url": HOOK["url"], "secret": "short"}
    assert api.post("/v1/webhooks", tenant.admin_key, json=body).status_code == 422


def test_removed_webhook_is_gone(api: Api, tenant: Tenant) -> None:
    api.post("/v1/webhooks", tenant.admin_key, json=HOOK)
    assert api.delete("/v1/webhooks", tenant.admin_key).status_code == 204
    assert api.get("/v1/webhooks", tenant.admin_key).json() == {"webhook": None}
    assert api.delete("/v1/webhooks", tenant.admin_key).status_code == 404


def test_webhook_changes_are_audited_without_the_secret(api: Api, tenant: Tenant) -> None:
    api.post("/v1/webhooks", tenant.admin_key, json=HOOK)
    records = api.get("/v1/audit", tenant.admin_key, params={"action": "webhook.set"}).json()
    (record,) = [r for r in records["records"] if r["chain"] == tenant.tenant_id]
    assert record["details"] == {"url": HOOK["url"]}
    assert SECRET not in str(record)
