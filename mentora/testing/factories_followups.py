"""Factories for follow-up threads, comments and observations.

followup = FollowUpFactory(application=app, mentors=[membership])   # mentors selected
CommentFactory(followup=followup, author=cast.professional)
ObservationFactory(application=app, author=cast.north_mentor)
"""

import factory
from django.utils import timezone

from mentora.followups.models import Comment, FollowUp, FollowUpSeen
from mentora.observations.models import Observation

from .factories import UserFactory
from .factories_activities import ApplicationFactory


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp
        skip_postgeneration_save = True

    application = factory.SubFactory(ApplicationFactory)
    topic = factory.Sequence(lambda n: f"Follow-up {n}")
    created_by = factory.SubFactory(UserFactory, is_professional=True)
    include_customer_admins = True

    @factory.post_generation
    def mentors(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.mentors.set(extracted)

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.attendees.set(extracted)


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment; keeps the thread's `last_comment_at` as the services would."""

    class Meta:
        model = Comment

    followup = factory.SubFactory(FollowUpFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Faker("sentence")
    pinned = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        comment = super()._create(model_class, *args, **kwargs)
        FollowUp.objects.filter(pk=comment.followup_id).update(last_comment_at=comment.created_at)
        return comment


class FollowUpSeenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpSeen

    followup = factory.SubFactory(FollowUpFactory)
    user = factory.SubFactory(UserFactory)
    seen_at = factory.LazyFunction(timezone.now)


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    application = factory.SubFactory(ApplicationFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Faker("paragraph")
