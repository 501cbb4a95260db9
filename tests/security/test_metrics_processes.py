"""Several server processes, one /metrics: with PROMETHEUS_MULTIPROC_DIR shared, a scrape of any
process adds up what every process counted (prometheus-client's multiprocess mode)."""

from __future__ import annotations

from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from support.server_process import start_server, stop_server


def suppliers_screened(metrics_text: str) -> float:
    for family in text_string_to_metric_families(metrics_text):
        for sample in family.samples:
            if sample.name == "screening_suppliers_screened_total" and sample.labels == {
                "source": "api"
            }:
                return sample.value
    return 0.0


def screen(base_url: str, key: str, count: int) -> None:
    suppliers = [{"name": f"Acme Timber {n} GmbH"} for n in range(count)]
    response = httpx.post(
        f"{base_url}/v1/screen",
        headers={"X-API-Key": key},
        json={"suppliers": suppliers},
        timeout=60,
    )
    assert response.status_code == 200, response.text


def test_a_scrape_of_one_process_counts_the_work_of_all(tmp_path: Path) -> None:
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    environment = {"PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    database = f"sqlite:///{tmp_path / 'shared.db'}"
    first, first_port, key = start_server(
        tmp_path, database, environment=environment, log_name="first.log"
    )
    try:
        second, second_port, _ = start_server(
            tmp_path, database, admin_key=key, environment=environment, log_name="second.log"
        )
        try:
            screen(f"http://127.0.0.1:{first_port}", key, 2)
            screen(f"http://127.0.0.1:{second_port}", key, 3)
            scraped = httpx.get(f"http://127.0.0.1:{first_port}/metrics", timeout=60)
        finally:
            stop_server(second)
    finally:
        stop_server(first)
    assert scraped.status_code == 200
    assert suppliers_screened(scraped.text) == 5
    assert list(metrics_dir.glob("*.db"))  # each process wrote its own files there
