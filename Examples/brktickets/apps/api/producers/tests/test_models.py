from decimal import Decimal

from django.db import IntegrityError
from django.test import TestCase

from producers import payouts
from producers.models import Membership, Payout
from tickets.tests import factories


class ProducerModelTests(TestCase):
    def setUp(self):
        self.producer = factories.producer(name="Blue Door", commission="12.50")

    def test_str_is_the_name(self):
        self.assertEqual(str(self.producer), "Blue Door")

    def test_member_role(self):
        manager = factories.member(self.producer, Membership.MANAGER)
        self.assertEqual(self.producer.member_role(manager), Membership.MANAGER)

    def test_non_member_has_no_role(self):
        self.assertIsNone(self.producer.member_role(factories.user()))

    def test_one_membership_per_user(self):
        user = factories.member(self.producer)
        with self.assertRaises(IntegrityError):
            Membership.objects.create(producer=self.producer, user=user, role=Membership.OWNER)

    def test_create_payout_uses_the_commission(self):
        payout = payouts.create_payout(self.producer, 10_000)
        self.assertEqual((payout.fee_cents, payout.net_cents), (1250, 8750))

    def test_payouts_start_pending(self):
        payout = payouts.create_payout(self.producer, 100)
        self.assertEqual(payout.status, Payout.PENDING)

    def test_venue_str_has_city(self):
        venue = factories.venue(self.producer)
        self.assertTrue(str(venue).endswith(", Lisbon"))

    def test_default_commission_is_ten_percent(self):
        producer = factories.producer()
        producer.refresh_from_db()
        self.assertEqual(producer.commission_percent, Decimal("10.00"))
