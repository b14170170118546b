"""Factories for notifications."""

import factory
from django.utils import timezone

from congdanso.accounts.tests.factories import CitizenFactory
from congdanso.notifications.models import Channel, Notification, NotificationStatus


class InAppNotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(CitizenFactory)
    channel = Channel.IN_APP
    template = "generic"
    language = "vi"
    subject = factory.Sequence(lambda n: f"Thông báo {n}")
    body = "Nội dung"
    status = NotificationStatus.SENT
    sent_at = factory.LazyFunction(timezone.now)
