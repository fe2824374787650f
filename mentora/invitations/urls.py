from django.urls import path

from . import views

urlpatterns = [
    # Managing: customer admins and system administrators.
    path("all/", views.invitation_list_all, name="invitation_list_all"),
    path("customer/<int:customer_id>/", views.invitation_list, name="invitation_list"),
    path("customer/<int:customer_id>/new/", views.invitation_new, name="invitation_create"),
    path("customer/<int:customer_id>/bulk/", views.invitation_bulk, name="invitation_bulk"),
    path("<int:invitation_id>/resend/", views.invitation_resend_view, name="invitation_resend"),
    path("<int:invitation_id>/cancel/", views.invitation_cancel_view, name="invitation_cancel"),
    # Accepting: whoever holds the link.
    path("accept/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
    path("accept/<str:token>/register/", views.invitation_register_view, name="invitation_register"),
    path(
        "accept/<str:token>/switch/", views.invitation_switch_account_view, name="invitation_switch_account"
    ),
    path("welcome/", views.invitation_setup, name="invitation_setup"),
]
