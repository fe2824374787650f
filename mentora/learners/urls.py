from django.urls import path

from . import views

urlpatterns: list = [
    path("<int:attendee_id>/", views.learner_detail, name="learner_detail"),
    path("<int:attendee_id>/export.xlsx", views.learner_export, name="learner_export"),
]
