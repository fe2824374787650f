"""What customers tells the apps above it, which it may not import.

`mentor_added_directly` is sent inside the transaction of a direct add (sender: Membership;
arguments: membership, actor_user, ip). Receivers write in that same transaction and queue
nothing themselves (e-mail stays the services' job, after commit). The invitations app closes
the person's pending invitations to that customer with it."""

from django.dispatch import Signal

mentor_added_directly = Signal()
