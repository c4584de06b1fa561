from django.test import TestCase

from tickets import codes, services

from . import factories


class CheckInTests(TestCase):
    def setUp(self):
        self.order = services.purchase(factories.user(), factories.ticket_type().id, 2)
        self.ticket = self.order.tickets.first()

    def test_check_in_stamps_the_ticket(self):
        services.check_in(self.ticket.code)
        self.ticket.refresh_from_db()
        self.assertIsNotNone(self.ticket.checked_in_at)

    def test_second_check_in_is_refused(self):
        services.check_in(self.ticket.code)
        with self.assertRaisesMessage(services.CheckInError, "already used"):
            services.check_in(self.ticket.code)

    def test_printed_code_is_accepted(self):
        services.check_in(codes.display(self.ticket.code).lower())
        self.ticket.refresh_from_db()
        self.assertIsNotNone(self.ticket.checked_in_at)

    def test_garbage_is_not_a_code(self):
        with self.assertRaisesMessage(services.CheckInError, "not a ticket code"):
            services.check_in("hello!")

    def test_valid_but_unknown_code_is_refused(self):
        code = codes.new_code()
        with self.assertRaisesMessage(services.CheckInError, "unknown ticket"):
            services.check_in(code)

    def test_other_ticket_of_the_order_is_still_unused(self):
        services.check_in(self.ticket.code)
        other = self.order.tickets.exclude(pk=self.ticket.pk).get()
        self.assertIsNone(other.checked_in_at)
