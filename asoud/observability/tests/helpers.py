"""Reading `/metrics` the way Prometheus does: over HTTP with the bearer token, parsed as text."""

import time

from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

TOKEN = "scrape-token-for-tests"


def scrape(client: Client | None = None) -> dict[tuple[str, frozenset], float]:
    client = client or Client(HTTP_HOST="localhost")
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200, response.content
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return samples


def value(samples: dict, name: str, **labels) -> float:
    """The sample's value; 0 when absent (a counter no process has incremented yet)."""
    return samples.get((name, frozenset(labels.items())), 0.0)


def total(samples: dict, name: str, **labels) -> float:
    """Sum over every sample of `name` whose labels include `labels`."""
    wanted = set(labels.items())
    return sum(v for (sample, sample_labels), v in samples.items() if sample == name and wanted <= sample_labels)


def wait_for(condition, *, timeout: float = 20.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)
