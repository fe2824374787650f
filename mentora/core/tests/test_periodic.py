from pathlib import Path

from django.apps import apps

from mentora.core import periodic


def test_each_app_declares_its_own_periodic_tasks_and_core_names_none_of_them():
    registered = {(task.path, task.interval) for task in periodic.registered_periodic_tasks()}
    assert ("mentora.attendance.tasks.create_due_sessions", 300) in registered
    assert ("mentora.invitations.tasks.send_due_invitation_reminders", 3600) in registered
    assert ("mentora.mail.tasks.enqueue_due_messages", 60) in registered
    source = (
        Path(periodic.__file__).read_text()
        + Path(apps.get_app_config("core").path, "management/commands/run_scheduler.py").read_text()
    )
    for config in apps.get_app_configs():
        if config.name.startswith("mentora.") and config.label != "core":
            assert f"{config.name}." not in source


def test_every_registered_path_is_a_task():
    from django.utils.module_loading import import_string
    from django_tasks.base import Task

    for task in periodic.registered_periodic_tasks():
        assert isinstance(import_string(task.path), Task), task.path
