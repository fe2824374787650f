from django.urls import path

from . import views_admin, views_mentors

urlpatterns = [
    # System administrators: customers and users.
    path("", views_admin.customers, name="customer_list"),
    path("new/", views_admin.customer_new, name="customer_create"),
    path("<int:customer_id>/", views_admin.customer_detail, name="customer_detail"),
    path("<int:customer_id>/edit/", views_admin.customer_edit, name="customer_edit"),
    path("users/", views_admin.users, name="user_list"),
    # The Mentors area.
    path("mentors/", views_mentors.mentors_all, name="mentors_all"),
    path("mentors/add/", views_mentors.mentor_add_any, name="mentor_add_any"),
    path("<int:customer_id>/mentors/", views_mentors.mentors_list, name="mentors_list"),
    path("<int:customer_id>/mentors/add/", views_mentors.mentor_add, name="mentor_add"),
    path(
        "<int:customer_id>/mentors/<int:membership_id>/edit/",
        views_mentors.membership_edit,
        name="membership_edit",
    ),
    path(
        "<int:customer_id>/mentors/<int:membership_id>/remove/",
        views_mentors.membership_remove_confirm,
        name="membership_remove",
    ),
]
