"""GET /v1/me: who a key is, so the page can check a key and learn what it may do in one call."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from screening.api.deps import Reader

router = APIRouter(tags=["keys"])

# Roles that may record decisions (POST /v1/decisions): deps.require_analyst.
DECIDING_ROLES = ("analyst", "admin")


class MeOut(BaseModel):
    tenant_id: str
    key_id: str = Field(description="The key's id (never the key itself).")
    role: str = Field(description="auditor, analyst or admin.")
    can_decide: bool = Field(description="Whether this key may record decisions.")


@router.get("/v1/me", response_model=MeOut, summary="The calling key: its tenant, id and role")
def read_me(principal: Reader) -> Any:
    """Answers as soon as the server runs, lists loaded or not: a sign-in check."""
    return {
        "tenant_id": principal.tenant_id,
        "key_id": principal.key_id,
        "role": principal.role,
        "can_decide": principal.role in DECIDING_ROLES,
    }
