from django.urls import path

from . import views
from .calendar import views as calendar_views

urlpatterns: list = [
    path("", views.schedule_list, name="schedule_list"),
    path("mine/", views.my_events, name="my_events"),
    path("new/", views.event_new, name="event_create"),
    path("events/<int:event_id>/", views.event_detail, name="event_detail"),
    path("events/<int:event_id>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:event_id>/cancel/", views.event_cancel_view, name="event_cancel"),
    # The calendar of mentors and customer admins, and the personal iCalendar feed.
    path("calendar/", calendar_views.calendar_view, name="calendar"),
    path("calendar/events/<int:event_id>/", calendar_views.calendar_event, name="calendar_event"),
    path("calendar/subscription/", calendar_views.calendar_subscription, name="calendar_subscription"),
    path("calendar/feed/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
]
