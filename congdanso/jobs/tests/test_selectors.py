"""Reads: backend reachability for /readyz and the admin list of task results."""

import pytest
import redis
from django.tasks import task_backends

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.core.errors import PermissionDenied
from congdanso.jobs.selectors import task_backend_reachable, task_result_list
from congdanso.jobs.tests import sample_tasks
from congdanso.jobs.tests.fixtures import QUEUES


@pytest.mark.django_db
def test_backend_is_reachable(task_backend):
    assert task_backend_reachable(task_backends["default"]) is True


@pytest.mark.django_db
def test_rq_backend_with_redis_down_is_not_reachable(settings):
    settings.RQ_QUEUES = {name: {"URL": "redis://127.0.0.1:1/0"} for name in QUEUES}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": QUEUES}}
    with pytest.raises(redis.exceptions.ConnectionError):
        task_backend_reachable(task_backends["default"])


@pytest.mark.django_db
def test_readyz_reports_the_task_backend(client, db_task_backend):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "tasks": True}}


@pytest.mark.django_db
def test_task_result_list_is_for_administrators(db_task_backend, django_user_model):
    first = sample_tasks.add.enqueue(1, 2)
    second = sample_tasks.add.enqueue(3, 4)
    admin = django_user_model.objects.create_superuser(username="quantri", password="mat-khau-an-toan-1")

    assert {str(row.pk) for row in task_result_list(user=admin)} == {first.id, second.id}
    assert list(task_result_list(user=admin, status="SUCCESSFUL")) == []
    assert task_result_list(user=admin, queue_name="default", task_path=first.task.module_path).count() == 2
    for user in (CitizenFactory(), OfficialFactory()):
        with pytest.raises(PermissionDenied):
            task_result_list(user=user)
