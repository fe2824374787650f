from django.http import HttpRequest, HttpResponse


def learner_detail(request: HttpRequest, attendee_id: int) -> HttpResponse:
    raise NotImplementedError


def learner_export(request: HttpRequest, attendee_id: int) -> HttpResponse:
    raise NotImplementedError
