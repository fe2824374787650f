from django.urls import path

from .views import applications, attendance

urlpatterns: list = [
    path("applications/", applications.application_list, {"tab": "on-request"}, name="mentor_applications"),
    path(
        "applications/courses/",
        applications.application_list,
        {"tab": "courses"},
        name="mentor_course_applications",
    ),
    path(
        "applications/<int:application_id>/",
        applications.application_detail,
        name="mentor_application_detail",
    ),
    path("attendance/", attendance.attendance_sessions, name="mentor_attendance_sessions"),
    path(
        "attendance/sessions/<int:session_id>/",
        attendance.attendance_session,
        name="mentor_attendance_session",
    ),
    path("attendance/courses/", attendance.attendance_courses, name="mentor_attendance_courses"),
    path("attendance/attendees/", attendance.attendance_attendees, name="mentor_attendance_attendees"),
    path("attendance/report/", attendance.attendance_report, name="mentor_attendance_report"),
    path(
        "attendance/report/export.<str:file_format>",
        attendance.attendance_export,
        name="mentor_attendance_export",
    ),
    path(
        "attendance/exports/<str:token>/",
        attendance.attendance_export_download,
        name="mentor_attendance_export_download",
    ),
]
