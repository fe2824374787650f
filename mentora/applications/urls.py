from django.urls import path

from . import views

urlpatterns = [
    path("", views.applications_all, name="applications_all"),
    path("customer/<int:customer_id>/", views.applications_customer, name="applications_customer"),
    path("customer/<int:customer_id>/new/", views.application_create, name="application_create"),
    path(
        "customer/<int:customer_id>/new-course/",
        views.course_application_create,
        name="course_application_create",
    ),
    path(
        "customer/<int:customer_id>/mentor/<int:membership_id>/",
        views.mentor_assignments,
        name="mentor_assignments",
    ),
    path("<int:application_id>/", views.application_detail, name="application_detail"),
    path("<int:application_id>/edit/", views.application_edit, name="application_edit"),
    path("<int:application_id>/status/", views.application_status, name="application_status"),
    path(
        "<int:application_id>/professional/", views.application_professional, name="application_professional"
    ),
    path(
        "<int:application_id>/attendees/add/", views.application_attendee_add, name="application_attendee_add"
    ),
    path(
        "<int:application_id>/attendees/<int:participation_id>/remove/",
        views.application_attendee_remove,
        name="application_attendee_remove",
    ),
    path(
        "<int:application_id>/attendees/<int:participation_id>/participation/",
        views.application_attendee_participation,
        name="application_attendee_participation",
    ),
    path(
        "<int:application_id>/mentors/assign/",
        views.application_mentor_assign,
        name="application_mentor_assign",
    ),
    path(
        "<int:application_id>/mentors/<int:membership_id>/unassign/",
        views.application_mentor_unassign,
        name="application_mentor_unassign",
    ),
]
