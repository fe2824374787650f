from django.urls import path

from . import views

urlpatterns: list = [
    path("instances/<int:instance_id>/", views.completion_instance, name="completion_instance"),
    path("applications/<int:application_id>/", views.completion_application, name="completion_application"),
]
