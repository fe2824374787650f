from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("export/", views.data_export_request, name="data_export_request"),
    path("export/<str:token>/", views.data_export_download, name="data_export_download"),
    path("delete/", views.erasure_request, name="erasure_request"),
    path("delete/withdraw/", views.erasure_cancel, name="erasure_cancel"),
    path("activity/", views.my_activity, name="my_activity"),
    path("audit/", views.audit_log, name="audit_log"),
    path("terms/", views.terms_versions, name="terms_versions"),
    path("terms/new/", views.terms_publish, name="terms_publish"),
    path("terms/not-accepted/", views.terms_not_accepted, name="terms_not_accepted"),
    path("deletion-requests/", views.erasure_requests, name="erasure_requests"),
    path("deletion-requests/<int:request_id>/approve/", views.erasure_approve, name="erasure_approve"),
]
