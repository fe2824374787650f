"""The development outbox's part of erasure: the kept copies of e-mails to the person go."""

from django.contrib.auth.base_user import AbstractBaseUser

from .models import OutboxMessage
from .personal_data import Identity


def erase(user: AbstractBaseUser, identity: Identity) -> None:
    OutboxMessage.objects.filter(to__icontains=identity.email).delete()
