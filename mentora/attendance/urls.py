from django.urls import path

from . import views

urlpatterns: list = [
    path("events/<int:event_id>/", views.session_take, name="attendance_session"),
    path("customers/<int:customer_id>/alerts/", views.alert_settings, name="attendance_alert_settings"),
]
