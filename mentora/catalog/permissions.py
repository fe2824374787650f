"""Who may do what with the catalog, as questions."""

from mentora.customers.access import Actor


def can_manage_catalog(actor: Actor) -> bool:
    """Create, edit, deactivate and delete services, courses and course instances."""
    return actor.is_system_admin
