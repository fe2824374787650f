from django.urls import path

from . import views

urlpatterns = [
    path("", views.outgoing_list, name="outgoing_mail"),
    path("<int:message_id>/retry/", views.outgoing_retry, name="outgoing_mail_retry"),
    path("<int:message_id>/cancel/", views.outgoing_cancel, name="outgoing_mail_cancel"),
]
