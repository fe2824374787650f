from django.urls import path

from . import views

urlpatterns = [
    path("", views.catalog_home, name="catalog"),
    path("services/", views.service_list, name="catalog_services"),
    path("services/new/", views.service_create, name="catalog_service_create"),
    path("services/<int:service_id>/edit/", views.service_edit, name="catalog_service_edit"),
    path("services/<int:service_id>/active/", views.service_set_active, name="catalog_service_set_active"),
    path("courses/", views.course_list, name="catalog_courses"),
    path("courses/new/", views.course_create, name="catalog_course_create"),
    path("courses/<int:course_id>/edit/", views.course_edit, name="catalog_course_edit"),
    path("courses/<int:course_id>/active/", views.course_set_active, name="catalog_course_set_active"),
    path("courses/<int:course_id>/delete/", views.course_delete, name="catalog_course_delete"),
    path("instances/", views.instance_list, name="catalog_instances"),
    path("instances/new/", views.instance_create, name="catalog_instance_create"),
    path("instances/<int:instance_id>/edit/", views.instance_edit, name="catalog_instance_edit"),
    path(
        "instances/<int:instance_id>/active/", views.instance_set_active, name="catalog_instance_set_active"
    ),
    path("instances/<int:instance_id>/delete/", views.instance_delete, name="catalog_instance_delete"),
]
