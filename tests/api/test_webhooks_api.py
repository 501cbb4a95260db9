"""POST/GET/DELETE /v1/webhooks: admins set the tenant's webhook; its secret is never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.serving import Api, Tenant, api_settings, served_client

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


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1:8080/hooks", "loopback"),
        ("http://localhost/hooks", "loopback"),
        ("http://[::1]/hooks", "loopback"),
        ("http://10.0.0.7/erp", "private"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://2130706433/hooks", "loopback"),  # 127.0.0.1 as a decimal number
    ],
)
def test_a_url_reaching_inside_the_network_is_refused_at_registration(
    api: Api, tenant: Tenant, url: str, kind: str
) -> None:
    response = api.post("/v1/webhooks", tenant.admin_key, json={"url": url, "secret": SECRET})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["details"]["field"] == "url"
    assert f"non-public address ({kind})" in error["message"]
    assert api.get("/v1/webhooks", tenant.admin_key).json() == {"webhook": None}


def test_the_operator_allows_an_intranet_erp(api: Api, tmp_path: Path) -> None:
    settings = api_settings(
        api.service.engine.url.render_as_string(hide_password=False),
        tmp_path,
        webhook_allow=("10.20.0.0/16",),
    )
    with served_client(settings, api.service) as client:
        allowed = Api(client, api.service)
        tenant = allowed.new_tenant("intranet")
        hook = {"url": "http://10.20.3.4:8080/erp/hooks", "secret": SECRET}
        assert allowed.post("/v1/webhooks", tenant.admin_key, json=hook).status_code == 201
        hook["url"] = "http://10.30.0.1/erp"
        assert allowed.post("/v1/webhooks", tenant.admin_key, json=hook).status_code == 422


def test_the_webhook_names_the_standard_it_is_signed_by(api: Api, tenant: Tenant) -> None:
    created = api.post("/v1/webhooks", tenant.admin_key, json=HOOK).json()
    assert (created["scheme"], created["id_header"], created["signature_header"]) == (
        "Standard Webhooks v1",
        "webhook-id",
        "webhook-signature",
    )


def test_a_whsec_secret_must_be_base64(api: Api, tenant: Tenant) -> None:
    body = {"url": HOOK["url"], "secret": "whsec_not*base64*at*all!!"}
    response = api.post("/v1/webhooks", tenant.admin_key, json=body)
    assert response.status_code == 422
    assert "base64" in response.json()["error"]["message"]
