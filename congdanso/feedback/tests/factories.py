"""Factories for the feedback app."""

import factory
from django.utils import timezone

from congdanso.feedback.models import Category, Open311Client, Report, ReportStatus, RoutingRule
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"linh-vuc-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    acknowledge_hours = 8
    resolve_working_days = 10


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule

    category = factory.SubFactory(CategoryFactory)
    commune = factory.SubFactory(CommuneFactory)
    agency = factory.SubFactory(AgencyFactory)


class ReportFactory(factory.django.DjangoModelFactory):
    """A report as submitted (status new), with a code and coordinates inside Lạng Sơn city."""

    class Meta:
        model = Report

    code = factory.Sequence(lambda n: f"PAKN.20261122.{n:04d}")
    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Đèn đường hỏng số {n}")
    description = "Đèn đường trước nhà văn hoá không sáng từ tuần trước."
    latitude = 21.8537
    longitude = 106.7615
    address = "Đường Trần Đăng Ninh"
    commune = factory.SubFactory(CommuneFactory)
    agency = factory.SubFactory(AgencyFactory)
    status = ReportStatus.NEW
    acknowledge_due_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=1))
    resolve_due_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))


class Open311ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Open311Client

    name = factory.Sequence(lambda n: f"client-{n}")
    key_hash = factory.Sequence(lambda n: f"{n:064d}")
    key_prefix = "cds_test"
