from django.urls import path

from . import observation_views

urlpatterns: list = [
    # Observations (mentora/mentoring/observation_views.py).
    path(
        "applications/<int:application_id>/observations/",
        observation_views.observation_list_view,
        name="observation_list",
    ),
    path(
        "applications/<int:application_id>/observations/new/",
        observation_views.observation_create_view,
        name="observation_create",
    ),
]
