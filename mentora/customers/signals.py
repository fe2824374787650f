"""What customers tells the apps above it, which it may not import.

Each signal is sent by a service inside its transaction (sender: Membership). Receivers write in
that same transaction; what they send goes out only after the commit (e-mail is queued with
`transaction.on_commit`, as everywhere).

- `mentor_added_directly` (membership, actor_user, ip): a direct add. The invitations app closes
  the person's pending invitations to that customer; notifications tells the person.
- `mentor_removed` (membership, actor_user, ip): sent just before the membership is deleted (it is
  still loaded, with its user and customer). Notifications tells the person.
- `membership_status_changed` (membership, before, after, actor_user, ip): a mentor membership
  made ACTIVE or INACTIVE. Notifications tells the person."""

from django.dispatch import Signal

mentor_added_directly = Signal()
mentor_removed = Signal()
membership_status_changed = Signal()
