from decimal import Decimal

from django.test import SimpleTestCase

from producers import payouts


class SplitRevenueTests(SimpleTestCase):
    def test_ten_percent_commission(self):
        self.assertEqual(payouts.split_revenue(10_000, Decimal("10")), (1000, 9000))

    def test_fee_and_net_add_up(self):
        fee, net = payouts.split_revenue(12_345, Decimal("7.5"))
        self.assertEqual(fee + net, 12_345)

    def test_fee_rounds_half_up(self):
        self.assertEqual(payouts.split_revenue(5, Decimal("10")), (1, 4))

    def test_zero_commission_pays_everything(self):
        self.assertEqual(payouts.split_revenue(999, Decimal("0")), (0, 999))

    def test_negative_gross_is_refused(self):
        with self.assertRaises(payouts.PayoutError):
            payouts.split_revenue(-1, Decimal("10"))

    def test_commission_over_hundred_is_refused(self):
        with self.assertRaises(payouts.PayoutError):
            payouts.split_revenue(100, Decimal("100.01"))


class SplitEvenlyTests(SimpleTestCase):
    def test_shares_add_up(self):
        self.assertEqual(sum(payouts.split_evenly(1001, 3)), 1001)

    def test_shares_differ_by_at_most_a_cent(self):
        shares = payouts.split_evenly(1001, 3)
        self.assertLessEqual(max(shares) - min(shares), 1)

    def test_zero_parts_is_refused(self):
        with self.assertRaises(payouts.PayoutError):
            payouts.split_evenly(100, 0)


class FormatTests(SimpleTestCase):
    def test_format_with_thousands(self):
        self.assertEqual(payouts.format_cents(123_456_78), "123,456.78 EUR")

    def test_format_negative(self):
        self.assertEqual(payouts.format_cents(-5), "-0.05 EUR")

    def test_format_other_currency(self):
        self.assertEqual(payouts.format_cents(100, "GBP"), "1.00 GBP")
