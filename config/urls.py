from django.contrib import admin
from django.urls import include, path

from mentora.core import views as core_views

urlpatterns = [
    path("", include("mentora.core.urls")),
    path("accounts/", include("mentora.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
