"""Two retries of the same submission racing in two threads (own connections, real commits): one report."""

import threading

import pytest
from django.db import connection, connections

from congdanso.accounts.tests.factories import CitizenFactory
from congdanso.feedback.models import ReceiptSequence, Report, SubmissionKey
from congdanso.feedback.services.submission import feedback_submit
from congdanso.feedback.tests import submission_support as support
from congdanso.feedback.tests.factories import CategoryFactory


@pytest.mark.django_db(transaction=True)
def test_racing_retries_create_one_report():
    # PostgreSQL: a true race (both threads pass the "key exists?" check; the loser's insert of the key waits
    # for the winner's commit, fails, and returns the winner). In-memory SQLite shares one database between
    # threads with table locks, so there the two retries run one after the other.
    racing = connection.vendor == "postgresql"
    support.langson_communes()
    # Transactional tests flush the database, data-migration rows included: make the category here.
    CategoryFactory(code="chieu-sang-thu", name="Điện chiếu sáng")
    citizen = CitizenFactory()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def attempt():
        try:
            if racing:
                barrier.wait(timeout=10)
            report = feedback_submit(
                reporter=citizen,
                category_code="chieu-sang-thu",
                title="Đèn đường hỏng",
                description="Đèn trước cổng chợ không sáng.",
                commune_code=5977,
                idempotency_key="cung-mot-khoa",
                idempotency_scope=f"user:{citizen.pk}",
            )
            results.append(report.pk)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
        if not racing:
            thread.join(timeout=30)
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    assert Report.objects.count() == 1
    assert SubmissionKey.objects.count() == 1
    assert ReceiptSequence.objects.get().last_number == 1
