from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *,
    subject: str,
    to: list[str],
    text: str,
    html: str = "",
    from_email: str | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Sends one already-rendered e-mail. Runs in the task worker, never in a request."""
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=from_email, to=to, reply_to=reply_to or []
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
