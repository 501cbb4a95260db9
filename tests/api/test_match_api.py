"""POST /match/{dataset}: yente's and the OpenSanctions API's matching endpoint, on our engine.

The requests are shaped exactly as their documentation shows; each test names its source:
- yente's own OpenAPI description of the endpoint (the docstring of `match` in
  yente/routers/match.py: the `entity1`/`entity2` Person and Company examples);
- the OpenSanctions API quickstart, https://www.opensanctions.org/docs/api/quickstart/ (a Person by
  firstName, lastName and birthDate; `Authorization: ApiKey <key>`);
- "The request", https://www.opensanctions.org/docs/api/request/ (PERSON_QUERY with name parts
  and COMPANY_QUERY with `jurisdiction`; the params `include_dataset`, `algorithm`, `threshold`);
- "Using the matching API", https://www.opensanctions.org/docs/api/matching/ (a Person with
  `name`, `birthDate` and `nationality` as names);
- issue 19 (a Company with `name`, `country` and `registrationNumber`).
"""

from __future__ import annotations

from typing import Any

import httpx

from screening.matching.thresholds import DEFAULT_THRESHOLD
from support.serving import Api, Tenant

# The issue's example, with a real listing: UN KPe.002, OFAC 9347, OFSI 10893.
RYONBONG = {
    "schema": "Company",
    "properties": {
        "name": ["Korea Ryonbong General Corporation"],
        "country": ["KP"],
        "registrationNumber": [],
    },
}
# yente's docstring: "entity2" (a company that is on no list).
YENTE_ENTITY2 = {
    "schema": "Company",
    "properties": {
        "name": ["Brilliant Amazing Limited"],
        "jurisdiction": ["hk"],
        "registrationNumber": ["84BA99810"],
    },
}
# yente's docstring: "entity1".
YENTE_ENTITY1 = {
    "schema": "Person",
    "properties": {"name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]},
}
# The quickstart's query, verbatim.
QUICKSTART_PERSON = {
    "schema": "Person",
    "properties": {"firstName": ["Aleksandr"], "lastName": ["Zacharov"], "birthDate": ["1965"]},
}
# "The request": PERSON_QUERY and COMPANY_QUERY, verbatim.
REQUEST_PERSON = {
    "schema": "Person",
    "properties": {
        "firstName": ["Arkadii"],
        "fatherName": ["Romanovich"],
        "lastName": ["Rotenberg", "Ротенберг"],
        "birthDate": ["1951"],
    },
}
REQUEST_COMPANY = {
    "schema": "Company",
    "properties": {"name": ["Stroygazmontazh"], "jurisdiction": ["Russia"]},
}
# "Using the matching API": the example entity.
MATCHING_GUIDE_PERSON = {
    "schema": "Person",
    "properties": {
        "name": ["Arkadiii Romanovich Rotenberg", "Ротенберг Аркадий"],
        "birthDate": ["1951"],
        "nationality": ["Russia"],
    },
}


def apikey(key: str) -> dict[str, str]:
    """The OpenSanctions API's header: `Authorization: ApiKey <key>`."""
    return {"Authorization": f"ApiKey {key}"}


def match(
    api: Api, key: str, queries: dict[str, Any], dataset: str = "default", **params: Any
) -> httpx.Response:
    response: httpx.Response = api.client.post(
        f"/match/{dataset}", headers=apikey(key), json={"queries": queries}, params=params
    )
    return response


def ids(answer: dict[str, Any]) -> list[str]:
    return [result["id"] for result in answer["results"]]


def test_the_issues_company_query_finds_the_listed_corporation(api: Api, analyst_key: str) -> None:
    response = match(api, analyst_key, {"q1": RYONBONG})
    assert response.status_code == 200, response.text
    answer = response.json()["responses"]["q1"]
    assert answer["status"] == 200
    assert "un-sc:KPe.002" in ids(answer)
    best = answer["results"][0]
    assert set(best) >= {
        "id",
        "caption",
        "schema",
        "properties",
        "datasets",
        "score",
        "match",
        "features",
    }
    assert best["schema"] in ("Company", "Organization")
    assert best["datasets"] == [best["id"].split(":", 1)[0]]
    assert 0.0 <= best["score"] <= 1.0
    assert best["match"] is True
    assert best["features"]["name_similarity"] > 0.9
    assert "Korea Ryonbong General Corporation".upper() in (
        name.upper() for name in best["properties"]["name"] + best["properties"].get("alias", [])
    )
    assert answer["total"]["relation"] == "eq"
    assert answer["total"]["value"] >= len(answer["results"])
    assert answer["query"] == {
        "id": None,
        "schema": "Company",
        "properties": {"name": ["Korea Ryonbong General Corporation"], "country": ["KP"]},
    }


def test_yentes_docstring_batch_answers_each_query_by_its_key(api: Api, analyst_key: str) -> None:
    response = match(api, analyst_key, {"entity1": YENTE_ENTITY1, "entity2": YENTE_ENTITY2})
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body["responses"]) == ["entity1", "entity2"]
    for answer in body["responses"].values():
        assert answer["status"] == 200
        assert answer["results"] == []
        assert answer["total"] == {"value": 0, "relation": "eq"}
    assert body["limit"] == 5
    assert body["threshold"] == DEFAULT_THRESHOLD / 100
    assert "name_similarity" in body["matcher"]


def test_the_quickstart_person_by_name_parts_finds_zakharov(api: Api, analyst_key: str) -> None:
    # Without his patronymic and misspelt, he is found by his name parts (issue 15: a given and
    # family name without the listed middle name), at yente's documented default, 0.7, and above.
    response = match(api, analyst_key, {"q": QUICKSTART_PERSON}, threshold=0.7)
    assert response.status_code == 200, response.text
    results = response.json()["responses"]["q"]["results"]
    assert "us-ofac-sdn:45937" in [r["id"] for r in results]
    zakharov = next(r for r in results if r["id"] == "us-ofac-sdn:45937")
    assert zakharov["schema"] == "Person"
    assert zakharov["caption"] == "ZAKHAROV, Aleksandr Vyacheslavovich"
    assert zakharov["match"] is True and zakharov["score"] >= 0.7
    assert 0.83 <= zakharov["features"]["name_similarity"] < 1.0  # close, not the same name
    assert all(r["schema"] == "Person" for r in results)  # a Person query finds persons only


def test_the_request_guides_queries_with_its_params(api: Api, analyst_key: str) -> None:
    params = {"include_dataset": ["us-ofac-sdn", "us-ofac-cons"], "algorithm": "logic-v2"}
    response = match(
        api, analyst_key, {"person": REQUEST_PERSON, "company": REQUEST_COMPANY}, **params
    )
    assert response.status_code == 200, response.text
    body = response.json()
    person = body["responses"]["person"]
    assert "us-ofac-sdn:16669" in ids(person)  # ROTENBERG, Arkady Romanovich
    company = body["responses"]["company"]
    assert company["results"], company
    assert all(
        result["datasets"][0] in ("us-ofac-sdn", "us-ofac-cons")
        for answer in body["responses"].values()
        for result in answer["results"]
    )
    assert [item["list"] for item in body["lists"]] == ["us-ofac-sdn", "us-ofac-cons"]


def test_the_matching_guides_person_with_two_scripts(api: Api, analyst_key: str) -> None:
    response = match(api, analyst_key, {"q": MATCHING_GUIDE_PERSON})
    assert response.status_code == 200, response.text
    answer = response.json()["responses"]["q"]
    assert "us-ofac-sdn:16669" in ids(answer)
    assert answer["query"]["properties"]["nationality"] == ["Russia"]


# -- threshold, limit and total ----------------------------------------------------------------


def test_match_is_true_at_or_above_the_threshold_and_scores_are_0_to_1(
    api: Api, analyst_key: str
) -> None:
    answer = match(api, analyst_key, {"q": RYONBONG}).json()["responses"]["q"]
    strict = match(api, analyst_key, {"q": RYONBONG}, threshold=0.999).json()["responses"]["q"]
    for result in answer["results"]:
        assert DEFAULT_THRESHOLD / 100 <= result["score"] <= 1.0 and result["match"] is True
    assert all(result["score"] >= 0.999 for result in strict["results"])
    assert len(strict["results"]) <= len(answer["results"])


def test_limit_cuts_the_results_not_the_total(api: Api, analyst_key: str) -> None:
    every = match(api, analyst_key, {"q": RYONBONG}, limit=50).json()["responses"]["q"]
    assert every["total"]["value"] == len(every["results"]) >= 3  # UN, US, UK
    one = match(api, analyst_key, {"q": RYONBONG}, limit=1).json()
    assert one["limit"] == 1
    assert len(one["responses"]["q"]["results"]) == 1
    assert one["responses"]["q"]["total"] == every["total"]
    assert one["responses"]["q"]["results"][0] == every["results"][0]


def test_threshold_and_limit_outside_their_range_are_422(api: Api, analyst_key: str) -> None:
    assert match(api, analyst_key, {"q": RYONBONG}, threshold=83).status_code == 422
    assert match(api, analyst_key, {"q": RYONBONG}, limit=0).status_code == 422
    assert match(api, analyst_key, {"q": RYONBONG}, limit=501).status_code == 422


# -- datasets ----------------------------------------------------------------------------------


def test_a_list_as_the_dataset_screens_that_list_only(api: Api, analyst_key: str) -> None:
    body = match(api, analyst_key, {"q": RYONBONG}, dataset="un-sc").json()
    assert ids(body["responses"]["q"]) == ["un-sc:KPe.002"]
    assert [item["list"] for item in body["lists"]] == ["un-sc"]


def test_exclude_dataset_leaves_those_lists_out(api: Api, analyst_key: str) -> None:
    body = match(api, analyst_key, {"q": RYONBONG}, exclude_dataset=["un-sc"], limit=50).json()
    found = ids(body["responses"]["q"])
    assert found and not any(result_id.startswith("un-sc:") for result_id in found)
    assert "un-sc" not in [item["list"] for item in body["lists"]]


def test_narrowing_keeps_each_entrys_score(api: Api, analyst_key: str) -> None:
    every = match(api, analyst_key, {"q": RYONBONG}, limit=50).json()["responses"]["q"]
    only_un = match(api, analyst_key, {"q": RYONBONG}, dataset="un-sc").json()["responses"]["q"]
    (un_result,) = only_un["results"]
    assert un_result == next(r for r in every["results"] if r["id"] == un_result["id"])


def test_an_unknown_dataset_is_404_naming_it(api: Api, analyst_key: str) -> None:
    response = match(api, analyst_key, {"q": RYONBONG}, dataset="us_ofac_sdn")
    assert response.status_code == 404
    error = response.json()["error"]
    assert "us_ofac_sdn" in error["message"] and "us-ofac-sdn" in error["message"]


def test_an_unknown_include_or_exclude_dataset_is_422_naming_it(api: Api, analyst_key: str) -> None:
    for param in ("include_dataset", "exclude_dataset"):
        response = match(api, analyst_key, {"q": RYONBONG}, **{param: ["un-sc", "eu_fsf"]})
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["code"] == "unknown_list"
        assert "eu_fsf" in error["message"]
        assert error["details"] == [
            {"field": f"{param}[1]", "message": "unknown list 'eu_fsf'", "type": "unknown_list"}
        ]


def test_excluding_every_list_is_422(api: Api, analyst_key: str) -> None:
    response = match(api, analyst_key, {"q": RYONBONG}, dataset="un-sc", exclude_dataset=["un-sc"])
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "no_list_left"


def test_exclude_schema_leaves_those_results_out(api: Api, analyst_key: str) -> None:
    query = {"schema": "LegalEntity", "properties": {"name": ["Arkady Romanovich Rotenberg"]}}
    every = match(api, analyst_key, {"q": query}).json()["responses"]["q"]
    assert "Person" in {result["schema"] for result in every["results"]}
    no_people = match(api, analyst_key, {"q": query}, exclude_schema=["Person"]).json()
    assert all(r["schema"] != "Person" for r in no_people["responses"]["q"]["results"])


def test_a_company_query_finds_no_person(api: Api, analyst_key: str) -> None:
    query = {"schema": "Company", "properties": {"name": ["Arkady Romanovich Rotenberg"]}}
    answer = match(api, analyst_key, {"q": query}).json()["responses"]["q"]
    assert all(result["schema"] != "Person" for result in answer["results"])


# -- properties --------------------------------------------------------------------------------


def test_an_identifier_decides_and_shows_as_a_feature(api: Api, analyst_key: str) -> None:
    # "The response" shows Zakharov's innCode 183111242406; OFAC lists it as his Tax ID.
    query = {
        "schema": "Person",
        "properties": {"name": ["Aleksandr Zacharov"], "innCode": ["183111242406"]},
    }
    answer = match(api, analyst_key, {"q": query}).json()["responses"]["q"]
    best = answer["results"][0]
    assert best["id"] == "us-ofac-sdn:45937"
    assert best["score"] == 1.0
    assert best["features"]["identifier_match"] == 1.0
    assert "183111242406" in best["properties"]["taxNumber"]


def test_an_identifier_alone_is_enough_to_screen(api: Api, analyst_key: str) -> None:
    query = {"schema": "Person", "properties": {"innCode": ["183111242406"]}}
    answer = match(api, analyst_key, {"q": query}).json()["responses"]["q"]
    assert answer["status"] == 200
    assert ids(answer) == ["us-ofac-sdn:45937"]
    assert answer["results"][0]["features"]["identifier_match"] == 1.0


def test_a_country_in_the_entrys_countries_shows_as_a_feature(api: Api, analyst_key: str) -> None:
    query = {"schema": "Company", "properties": {"name": ["Stroygazmontazh"], "country": ["ru"]}}
    answer = match(api, analyst_key, {"q": query}).json()["responses"]["q"]
    assert any(r["features"].get("country_match") == 1.0 for r in answer["results"])


def test_names_in_two_scripts_match_as_their_best(api: Api, analyst_key: str) -> None:
    latin = {"schema": "Person", "properties": {"name": ["Arkadii Romanovich Rotenberg"]}}
    both = {
        "schema": "Person",
        "properties": {"name": ["Ротенберг Аркадий", "Arkadii Romanovich Rotenberg"]},
    }
    body = match(api, analyst_key, {"latin": latin, "both": both}).json()["responses"]
    assert body["both"]["results"][0]["score"] == body["latin"]["results"][0]["score"]


def test_the_entitys_properties_are_followthemoney_ones(api: Api, analyst_key: str) -> None:
    answer = match(api, analyst_key, {"q": RYONBONG}, dataset="us-ofac-sdn").json()
    (result,) = answer["responses"]["q"]["results"]
    properties = result["properties"]
    assert properties["name"] == ["KOREA RYONBONG GENERAL CORPORATION"]
    assert properties["country"] == ["kp"]
    assert all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in properties.values()
    )
    assert set(properties) <= {
        "name",
        "alias",
        "previousName",
        "weakAlias",
        "country",
        "address",
        "registrationNumber",
        "taxNumber",
        "imoNumber",
        "swiftBic",
        "passportNumber",
        "idNumber",
        "callSign",
        "program",
        "notes",
    }
    assert api.get(result["entry_url"], analyst_key).status_code == 200


# -- queries that cannot be read ---------------------------------------------------------------


def test_an_unreadable_query_is_status_400_and_the_others_answered(
    api: Api, analyst_key: str
) -> None:
    narnia = {"schema": "Company", "properties": {"name": ["Acme"], "jurisdiction": ["Narnia"]}}
    nameless = {"schema": "Person", "properties": {"birthDate": ["1951"]}}
    bad_date = {"schema": "Person", "properties": {"name": ["X Y"], "birthDate": ["21/09/1965"]}}
    nested = {"schema": "Company", "properties": {"name": [{"text": "Acme"}]}}
    response = match(
        api,
        analyst_key,
        {
            "good": RYONBONG,
            "narnia": narnia,
            "nameless": nameless,
            "date": bad_date,
            "nested": nested,
        },
    )
    assert response.status_code == 200, response.text
    answers = response.json()["responses"]
    assert list(answers) == ["good", "narnia", "nameless", "date", "nested"]
    assert answers["good"]["status"] == 200 and answers["good"]["results"]
    for key, mentioned in (
        ("narnia", "Narnia"),
        ("nameless", "name"),
        ("date", "21/09/1965"),
        ("nested", "not a text value"),
    ):
        assert answers[key]["status"] == 400
        assert answers[key]["results"] == []
        assert answers[key]["total"] == {"value": 0, "relation": "eq"}
        assert mentioned in answers[key]["error"] and key in answers[key]["error"]


def test_a_schema_no_list_holds_refuses_the_batch_as_yente_does(api: Api, analyst_key: str) -> None:
    address = {"schema": "Address", "properties": {"full": ["Pyongyang"]}}
    response = match(api, analyst_key, {"good": RYONBONG, "bad": address})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_query"
    assert "queries.bad.schema" in error["message"] and "Address" in error["message"]


def test_no_queries_or_too_many_is_400(api: Api, analyst_key: str) -> None:
    assert match(api, analyst_key, {}).status_code == 400
    many = {f"q{n}": RYONBONG for n in range(101)}
    response = match(api, analyst_key, many)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_many_queries"


def test_a_query_without_a_schema_is_422_naming_it(api: Api, analyst_key: str) -> None:
    response = match(api, analyst_key, {"q": {"properties": {"name": ["Acme"]}}})
    assert response.status_code == 422
    assert "queries.q.schema" in response.json()["error"]["message"]


# -- keys, roles, storage and audit ------------------------------------------------------------


def test_every_way_of_sending_the_key_works(api: Api, analyst_key: str) -> None:
    body = {"queries": {"q": RYONBONG}}
    for headers in (
        {"Authorization": f"ApiKey {analyst_key}"},
        {"Authorization": f"apikey {analyst_key}"},
        {"Authorization": f"Bearer {analyst_key}"},
        {"X-API-Key": analyst_key},
    ):
        assert api.client.post("/match/default", headers=headers, json=body).status_code == 200


def test_no_key_a_wrong_key_and_an_auditor_are_refused(api: Api, auditor_key: str) -> None:
    body = {"queries": {"q": RYONBONG}}
    no_key = api.client.post("/match/default", json=body)
    assert no_key.status_code == 401
    assert "ApiKey" in no_key.json()["error"]["message"]
    wrong = api.client.post("/match/default", headers=apikey("scr_wrong"), json=body)
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    auditor = api.client.post("/match/default", headers=apikey(auditor_key), json=body)
    assert auditor.status_code == 403 and auditor.json()["error"]["code"] == "forbidden"


def test_the_screening_is_stored_for_the_tenant_and_audited(
    api: Api, tenant: Tenant, analyst_key: str, auditor_key: str
) -> None:
    body = match(api, analyst_key, {"ryonbong": RYONBONG, "nobody": YENTE_ENTITY2}).json()
    screening_id = body["screening_id"]
    stored = api.get(f"/v1/screenings/{screening_id}", auditor_key).json()
    assert [result["ref"] for result in stored["results"]] == ["ryonbong", "nobody"]
    assert stored["lists"] == body["lists"]
    assert stored["input"]["match"]["queries"]["ryonbong"] == RYONBONG
    assert stored["threshold"] == DEFAULT_THRESHOLD
    listed = api.get("/v1/screenings", auditor_key).json()["screenings"]
    assert [s["screening_id"] for s in listed] == [screening_id]
    assert listed[0]["suppliers"] == 2
    records = api.get("/v1/audit", auditor_key, params={"limit": 1000}).json()["records"]
    record = next(r for r in records if r["subject"] == screening_id)
    assert record["action"] == "screening" and record["chain"] == tenant.tenant_id
    assert record["details"]["suppliers"] == 2
    assert record["details"]["lists"] == {item["list"]: item["version"] for item in body["lists"]}


def test_another_tenant_sees_none_of_it(api: Api, analyst_key: str) -> None:
    screening_id = match(api, analyst_key, {"q": RYONBONG}).json()["screening_id"]
    stranger = api.new_tenant("stranger")
    assert api.get(f"/v1/screenings/{screening_id}", stranger.admin_key).status_code == 404
    theirs = api.get("/v1/screenings", stranger.admin_key).json()
    assert theirs["total"] == 0 and screening_id not in str(theirs)
    records = api.get("/v1/audit", stranger.admin_key, params={"limit": 1000}).json()["records"]
    assert screening_id not in str(records)


def test_there_is_no_get_match_as_yente_has_none(api: Api, analyst_key: str) -> None:
    response = api.client.get("/match/default", headers=apikey(analyst_key))
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
