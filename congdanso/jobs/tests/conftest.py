from congdanso.jobs.tests.fixtures import db_task_backend, task_backend  # noqa: F401
