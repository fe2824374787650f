from django.contrib import admin
from django.urls import include, path

from mentora.core import views as core_views
from mentora.mentoring.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("mentora.core.urls")),
    path("accounts/", include("mentora.accounts.urls")),
    path("customers/", include("mentora.customers.urls")),
    path("invitations/", include("mentora.invitations.urls")),
    path("notifications/", include("mentora.notifications.urls")),
    path("digests/", include("mentora.digests.urls")),
    path("mail/", include("mentora.mail.urls")),
    path("catalog/", include("mentora.catalog.urls")),
    path("applications/", include("mentora.applications.urls")),
    path("schedule/", include("mentora.schedule.urls")),
    path("attendance/", include("mentora.attendance.urls")),
    path("completion/", include("mentora.completion.urls")),
    path("learners/", include("mentora.learners.urls")),
    path("followups/", include("mentora.followups.urls")),
    path("mentor/", include("mentora.mentoring.urls")),
    path("mentor/", include("mentora.observations.urls")),
    path("privacy/", include("mentora.privacy.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
