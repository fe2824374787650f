from django.urls import path

from . import observation_views, views, views_attendance

urlpatterns: list = [
    path("applications/", views.application_list, {"tab": "on-request"}, name="mentor_applications"),
    path(
        "applications/courses/", views.application_list, {"tab": "courses"}, name="mentor_course_applications"
    ),
    path("applications/<int:application_id>/", views.application_detail, name="mentor_application_detail"),
    path("attendance/", views_attendance.attendance_sessions, name="mentor_attendance_sessions"),
    path(
        "attendance/sessions/<int:session_id>/",
        views_attendance.attendance_session,
        name="mentor_attendance_session",
    ),
    path("attendance/courses/", views_attendance.attendance_courses, name="mentor_attendance_courses"),
    path("attendance/attendees/", views_attendance.attendance_attendees, name="mentor_attendance_attendees"),
    path("attendance/report/", views_attendance.attendance_report, name="mentor_attendance_report"),
    path(
        "attendance/report/export.<str:file_format>",
        views_attendance.attendance_export,
        name="mentor_attendance_export",
    ),
]

# Observations (mentora/mentoring/observation_views.py; owned by the follow-ups work).
urlpatterns += [
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
