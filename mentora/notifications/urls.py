from django.urls import path

from . import views

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("bell/", views.notification_bell, name="notification_bell"),
    path("read-all/", views.notification_mark_all_read_view, name="notification_mark_all_read"),
    path("<int:notification_id>/open/", views.notification_open_view, name="notification_open"),
    path("<int:notification_id>/read/", views.notification_mark_read_view, name="notification_mark_read"),
    path("preferences/", views.preferences, name="notification_preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="notification_unsubscribe"),
]
