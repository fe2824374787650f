from typing import Any

from django.http import HttpRequest


def terms_notice(request: HttpRequest) -> dict[str, Any]:
    """Whether to tell the signed-in person about a minor terms version they have not seen."""
    standing = getattr(request, "terms_standing", None)
    return {"terms_announced": bool(standing and standing.announce)}
