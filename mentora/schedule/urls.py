from django.urls import path

from . import views

urlpatterns: list = [
    path("", views.schedule_list, name="schedule_list"),
    path("mine/", views.my_events, name="my_events"),
    path("new/", views.event_new, name="event_create"),
    path("events/<int:event_id>/", views.event_detail, name="event_detail"),
    path("events/<int:event_id>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:event_id>/cancel/", views.event_cancel_view, name="event_cancel"),
]
