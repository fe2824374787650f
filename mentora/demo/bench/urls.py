"""The product's URLs plus the bare view: the cheapest answer the same middleware can give, the
yardstick for "% of the bare view" in the bench report. Only `config.settings.bench` uses this."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler403, handler404, handler500
from config.urls import urlpatterns as product_urlpatterns

BARE_PATH = "/__bench__/bare/"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare), *product_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
