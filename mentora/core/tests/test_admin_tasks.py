import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mentora.mail.services import message_create

pytestmark = pytest.mark.django_db


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
def test_the_back_office_never_shows_a_tasks_arguments(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = message_create(
            kind="probe", to="a@example.com", language="en", subject="S", text="T", html=""
        )
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [], "kwargs": {"message_id": message.pk}}
    client.force_login(cast.system_admin)
    listing = client.get("/admin/django_tasks_database/dbtaskresult/")
    assert listing.status_code == 200
    page = client.get(f"/admin/django_tasks_database/dbtaskresult/{task.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "mentora.mail.tasks.deliver_message" in html
    assert "message_id" not in html
    assert "Args kwargs" not in html and "Return value" not in html


def test_the_rq_dashboard_is_not_in_the_back_office(client, cast):
    from django.contrib import admin

    assert not any(model._meta.app_label == "django_rq" for model in admin.site._registry)
    client.force_login(cast.system_admin)
    assert client.get("/admin/django_rq/dashboard/").status_code == 404


def test_the_task_list_shows_no_arguments_and_a_traceback_has_its_tokens_redacted(client, cast):
    token = "Zx9" * 15
    task = DBTaskResult.objects.create(
        task_path="mentora.probe",
        args_kwargs={"args": ["ARGUMENT-PROBE"], "kwargs": {}},
        return_value="RESULT-PROBE",
        backend_name="default",
        run_after=timezone.now(),
        status="FAILED",
        exception_class_path="builtins.ValueError",
        traceback=f"Traceback (most recent call last):\nValueError: bad link /invitations/accept/{token}/\n",
    )
    client.force_login(cast.system_admin)
    for url in (
        "/admin/django_tasks_database/dbtaskresult/",
        f"/admin/django_tasks_database/dbtaskresult/{task.pk}/change/",
    ):
        html = client.get(url).content.decode()
        assert str(task.pk) in html
        assert "ARGUMENT-PROBE" not in html and "RESULT-PROBE" not in html and token not in html
    assert "[redacted]" in html and "ValueError: bad link" in html
