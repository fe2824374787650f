"""Optional Prometheus metrics (django-prometheus), off unless METRICS_TOKEN or METRICS_PORTS is
set. With METRICS_TOKEN, /metrics answers only `Authorization: Bearer <token>` (404 otherwise, as
if it did not exist); with METRICS_PORTS, each process also serves them on its own port of that
range on METRICS_ADDRESS (loopback by default), away from the public site.

Besides django-prometheus's request, database and cache metrics: the age of the oldest ready
task (here) and the messages pending and failed (mentora.mail.metrics), read at scrape time."""

from collections.abc import Iterator

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django_prometheus.exports import ExportToDjangoView
from prometheus_client.core import REGISTRY, GaugeMetricFamily
from prometheus_client.registry import Collector

from .health import oldest_ready_task_age


def metrics_enabled() -> bool:
    return bool(settings.METRICS_TOKEN or settings.METRICS_PORTS)


_QUEUE_AGE = (
    "mentora_tasks_oldest_ready_seconds",
    "Seconds the oldest task ready to run has waited (0 when the queue is empty).",
)


class TaskQueueCollector(Collector):
    def describe(self) -> Iterator[GaugeMetricFamily]:
        # Names only, so that registering does not query the database.
        yield GaugeMetricFamily(*_QUEUE_AGE)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield GaugeMetricFamily(*_QUEUE_AGE, value=oldest_ready_task_age(now=timezone.now()) or 0.0)


_registered: set[str] = set()


def register_collector(name: str, collector: Collector) -> None:
    """Register `collector` once per process, when metrics are on."""
    if metrics_enabled() and name not in _registered:
        REGISTRY.register(collector)
        _registered.add(name)


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    expected = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not expected or not constant_time_compare(given, expected):
        raise Http404()
    return ExportToDjangoView(request)
