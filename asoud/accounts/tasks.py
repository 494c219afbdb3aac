from celery import shared_task

from . import services


@shared_task(name="accounts.unverified_users_delete")
def unverified_users_delete() -> int:
    return services.unverified_users_delete()
