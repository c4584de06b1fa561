"""Two buyers at once: SELECT … FOR UPDATE must serialise them. Needs real transactions."""
import threading

from django.db import connection
from django.test import TransactionTestCase

from tickets import services
from tickets.models import Ticket

from . import factories


def run_at_once(count, work):
    barrier = threading.Barrier(count)
    results = [None] * count

    def worker(index):
        try:
            barrier.wait(timeout=10)
            results[index] = work(index)
        except Exception as error:  # the test inspects what each thread met
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


class ConcurrentPurchaseTests(TransactionTestCase):
    def setUp(self):
        self.buyers = [factories.user() for _ in range(4)]

    def test_last_ticket_is_sold_once(self):
        ticket_type = factories.ticket_type(quantity=1)
        results = run_at_once(2, lambda index: services.purchase(self.buyers[index], ticket_type.id, 1))
        self.assertEqual(sum(isinstance(result, services.SoldOut) for result in results), 1)
        ticket_type.refresh_from_db()
        self.assertEqual(ticket_type.sold, 1)

    def test_stock_never_goes_below_zero(self):
        ticket_type = factories.ticket_type(quantity=5)
        run_at_once(4, lambda index: services.purchase(self.buyers[index], ticket_type.id, 2))
        ticket_type.refresh_from_db()
        self.assertEqual(ticket_type.sold, 4)
        self.assertEqual(Ticket.objects.filter(ticket_type=ticket_type).count(), 4)

    def test_concurrent_buyers_all_served_when_stock_allows(self):
        ticket_type = factories.ticket_type(quantity=20)
        results = run_at_once(4, lambda index: services.purchase(self.buyers[index], ticket_type.id, 3))
        self.assertFalse([result for result in results if isinstance(result, Exception)])
        ticket_type.refresh_from_db()
        self.assertEqual(ticket_type.sold, 12)


class ConcurrentCheckInTests(TransactionTestCase):
    def test_a_ticket_checks_in_once(self):
        order = services.purchase(factories.user(), factories.ticket_type().id, 1)
        code = order.tickets.get().code
        results = run_at_once(3, lambda index: services.check_in(code))
        refused = [result for result in results if isinstance(result, services.CheckInError)]
        self.assertEqual(len(refused), 2)

    def test_cancel_and_check_in_race_leaves_a_consistent_order(self):
        order = services.purchase(factories.user(), factories.ticket_type().id, 1)
        code = order.tickets.get().code
        run_at_once(2, lambda index: services.check_in(code) if index == 0 else services.cancel(order))
        order.refresh_from_db()
        ticket = order.tickets.get()
        self.assertNotEqual(order.status == "cancelled", ticket.checked_in_at is not None)
