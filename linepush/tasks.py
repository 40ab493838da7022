"""The background task (django-tasks, backend "line": the database queue that `db_worker` runs)."""

from django_tasks import task


@task(backend="line", queue_name="line")
def send_line_delivery(delivery_id):
    from linepush.sending import send_delivery

    delivery = send_delivery(delivery_id)
    return delivery.status if delivery else None
