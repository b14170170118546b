"""Load the whole unit catalogue once for this test package.

The load runs inside an outer transaction that stays open while the package's tests run (each test is a
savepoint inside it) and is rolled back at the end, so no other app's tests ever see these rows.
"""

import pytest
from django.db import connection, transaction

from congdanso.places.services import units_load


@pytest.fixture(scope="package", autouse=True)
def loaded_units(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            summary = units_load()
            # Check the deferred foreign keys now, once, rather than again at every test's teardown.
            connection.check_constraints()
            yield summary
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
