from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("terms/", views.terms, name="terms"),
    # Shadows allauth's "email/" (included after this module at the same prefix).
    path("email/", views.email_addresses, name="email_addresses"),
]
