from django.urls import path

from . import views

urlpatterns: list = [
    path("events/<int:event_id>/", views.session_take, name="attendance_session"),
]
