from django.urls import path

from . import views

urlpatterns = [
    path("", views.followup_list_view, name="followup_list"),
    path("new/<int:application_id>/", views.followup_create_view, name="followup_create"),
    path("<int:followup_id>/", views.followup_detail_view, name="followup_detail"),
    path("<int:followup_id>/comments/", views.comment_create_view, name="followup_comment_create"),
    path("comments/<int:comment_id>/", views.comment_show_view, name="followup_comment"),
    path("comments/<int:comment_id>/edit/", views.comment_edit_view, name="followup_comment_edit"),
    path("comments/<int:comment_id>/delete/", views.comment_delete_view, name="followup_comment_delete"),
    path("comments/<int:comment_id>/pin/", views.comment_pin_view, name="followup_comment_pin"),
]
