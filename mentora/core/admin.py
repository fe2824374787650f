from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .logs import redact_tokens

# Task rows are shown for their status and timing, never their arguments or return values:
# whatever a task was given is nobody's business in the back office. Tracebacks stay (they are
# how a failure is understood), with anything that looks like a link token redacted.
_HIDDEN_TASK_FIELDS = {"args_kwargs", "return_value"}


class TaskResultAdmin(DBTaskResultAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: DBTaskResult | None = None) -> list[str]:
        return [name for name in super().get_readonly_fields(request, obj) if name not in _HIDDEN_TASK_FIELDS]

    def get_fields(self, request: HttpRequest, obj: DBTaskResult | None = None) -> list[Any]:
        return self.get_readonly_fields(request, obj)

    @admin.display(description="traceback")
    def formatted_traceback(self, obj: DBTaskResult) -> str:
        if not obj.traceback:
            return "-"
        return format_html("<pre>{}</pre>", redact_tokens(obj.traceback))


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)
