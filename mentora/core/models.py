from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail kept by the development outbox instead of being sent (EMAIL_URL unset)."""

    subject = models.CharField(_("subject"), max_length=998)
    from_email = models.CharField(_("from"), max_length=254)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list)
    bcc = models.JSONField(_("bcc"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list)
    text_body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class Heartbeat(models.Model):
    """The last sign of life of a kind of process (a worker, the scheduler), for /readyz."""

    name = models.CharField(_("name"), max_length=32, primary_key=True)
    beat_at = models.DateTimeField(_("last beat"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at.isoformat()}"
