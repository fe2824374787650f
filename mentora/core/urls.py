from django.urls import path

from . import metrics, outbox_views, views

urlpatterns = [
    path("language/", views.language_switch, name="language_switch"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("dev/outbox/", outbox_views.outbox_list, name="outbox_list"),
    path("dev/outbox/<int:message_id>/", outbox_views.outbox_detail, name="outbox_detail"),
    path("dev/outbox/<int:message_id>/html/", outbox_views.outbox_html, name="outbox_html"),
]
