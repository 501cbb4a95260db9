"""GET /metrics in Prometheus text: request latency per route template, screenings, suppliers
and matches by level, job throughput, jobs waiting and the queue's depth, each list's age."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from support.serving import Api, Tenant
from support.uploads import finished_csv_upload

KOMID = {"ref": "V-1", "name": "Korea Mining Development Trading Corporation", "country": "KP"}
CLEAN = {"ref": "V-2", "name": "Blue Meadow Stationery GmbH", "country": "DE"}


def scrape(api: Api) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of GET /metrics by (name, sorted labels)."""
    response = api.client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_a_screening_counts_its_suppliers_and_its_matches_by_level(
    api: Api, analyst_key: str
) -> None:
    before = scrape(api)
    assert api.screen(analyst_key, KOMID, CLEAN).status_code == 200
    after = scrape(api)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("screening_screenings_total", source="api") == 1
    assert grew("screening_suppliers_screened_total", source="api") == 2
    assert grew("screening_matches_total", level="critical") >= 1


def test_request_latency_is_kept_per_route_template_never_per_id(
    api: Api, analyst_key: str
) -> None:
    job_id = "0" * 32
    assert api.get(f"/v1/jobs/{job_id}", analyst_key).status_code == 404
    samples = scrape(api)
    routes = {dict(labels).get("route") for (name, labels) in samples if "request_duration" in name}
    assert "/v1/jobs/{job_id}" in routes
    assert not any(job_id in (route or "") for route in routes)
    count = value(
        samples,
        "screening_http_request_duration_seconds_count",
        method="GET",
        route="/v1/jobs/{job_id}",
        status="404",
    )
    assert count >= 1


def test_each_serving_list_has_its_age(api: Api) -> None:
    samples = scrape(api)
    ages = {
        dict(labels)["list"]: sample
        for (name, labels), sample in samples.items()
        if name == "screening_list_age_seconds"
    }
    published = {v.list_id for v in api.service.screener.list_versions() if v.published}
    assert published and set(ages) == published  # a list without a publication date has none
    assert all(age > 0 for age in ages.values())


def test_a_finished_job_counts_its_rows_and_its_throughput(
    api: Api, tenant: Tenant, analyst_key: str
) -> None:
    before = scrape(api)
    csv = "Supplier Name,Country\nKorea Ryonbong General Corporation,KP\nAcme Timber GmbH,DE\n"
    finished_csv_upload(api.client, analyst_key, csv)
    after = scrape(api)
    grown = value(after, "screening_suppliers_screened_total", source="job") - value(
        before, "screening_suppliers_screened_total", source="job"
    )
    assert grown == 2
    jobs = value(after, "screening_job_rows_per_second_count") - value(
        before, "screening_job_rows_per_second_count"
    )
    assert jobs == 1
    assert ("screening_queue_depth", ()) in after
    assert ("screening_jobs", (("status", "queued"),)) in after
