from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Kinds of message a person can turn e-mail on or off for. Every category is on by default."""

    MEMBERSHIP = "MEMBERSHIP", _("Invitations and membership changes")
    ASSIGNMENTS = "ASSIGNMENTS", _("Assignments to applications")
    FOLLOWUP_COMMENTS = "FOLLOWUP_COMMENTS", _("Follow-up comments")
    OBSERVATIONS = "OBSERVATIONS", _("Observations")
    COMPLETION = "COMPLETION", _("Completion status of your mentees")


class NotificationPreference(models.Model):
    """A person's choice for one category. A missing row means the default: e-mail on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    email_enabled = models.BooleanField(_("e-mail"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "category"]
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="notification_preference_unique"),
            models.CheckConstraint(
                condition=models.Q(category__in=Category.values), name="notification_category_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_category_display()} · {self.email_enabled}"
