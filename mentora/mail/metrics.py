from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from .selectors import message_counts

_GAUGE = ("mentora_mail_messages", "Outgoing e-mail messages by state.")


class MessageCollector(Collector):
    """Outgoing messages by state, read at scrape time (pending and failed are the ones to watch)."""

    def describe(self) -> Iterator[GaugeMetricFamily]:
        # Names only, so that registering does not query the database.
        yield GaugeMetricFamily(*_GAUGE, labels=["state"])

    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily(*_GAUGE, labels=["state"])
        for state, count in message_counts().items():
            gauge.add_metric([state.lower()], count)
        yield gauge
