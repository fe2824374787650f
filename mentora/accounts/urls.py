from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("terms/", views.terms, name="terms"),
    path("terms/accept/", views.terms_accept, name="terms_accept"),
    # Shadows allauth's "email/" (included after this module at the same prefix).
    path("email/", views.email_change, name="account_email"),
]
