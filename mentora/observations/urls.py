from django.urls import path

from . import views

urlpatterns: list = [
    path(
        "applications/<int:application_id>/observations/",
        views.observation_list_view,
        name="observation_list",
    ),
    path(
        "applications/<int:application_id>/observations/new/",
        views.observation_create_view,
        name="observation_create",
    ),
]
