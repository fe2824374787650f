from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import EmailChoice, Kind

TEXT_LENGTH = 500
URL_LENGTH = 500


class NotificationSetting(models.Model):
    """A person's choice for one kind. A missing row means the defaults (kinds.DEFAULT_EMAIL,
    kinds.DEFAULT_IN_APP)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    email = models.CharField(_("e-mail"), max_length=16, choices=EmailChoice.choices)
    in_app = models.BooleanField(_("in the app"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_setting_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="notification_setting_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(email__in=EmailChoice.values), name="notification_setting_email"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.email} · {self.in_app}"


class Notification(models.Model):
    """One thing a person was told about. `text` is plain and was rendered in the recipient's
    language and time zone when it was created; `url` is a path on this site. A row exists when
    the person's in-app channel was on for its kind (`in_app`: shown in the centre) or when its
    e-mail goes into a digest (`email` DAILY or WEEKLY; `digested_at` once one carried it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=TEXT_LENGTH)
    url = models.CharField(_("link"), max_length=URL_LENGTH)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    in_app = models.BooleanField(_("in the app"), default=True)
    email = models.CharField(_("e-mail"), max_length=16, choices=EmailChoice.choices)
    digested_at = models.DateTimeField(_("in a digest"), null=True, blank=True)
    key = models.CharField(_("key"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_created"),
            models.Index(fields=["user", "read_at"], name="notification_user_read"),
            models.Index(fields=["email", "digested_at"], name="notification_digest"),
            models.Index(fields=["key"], name="notification_key", condition=~models.Q(key="")),
            models.Index(fields=["created_at"], name="notification_created"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values), name="notification_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
