from django.test import SimpleTestCase

from tickets import pricing


class ServiceFeeTests(SimpleTestCase):
    def test_free_tickets_have_no_fee(self):
        self.assertEqual(pricing.service_fee(0), 0)

    def test_fee_is_five_percent(self):
        self.assertEqual(pricing.service_fee(4000), 200)

    def test_fee_has_a_minimum(self):
        self.assertEqual(pricing.service_fee(100), 50)

    def test_fee_has_a_maximum(self):
        self.assertEqual(pricing.service_fee(100_000), 500)

    def test_fee_rounds_half_up(self):
        self.assertEqual(pricing.service_fee(2010), 101)


class TotalTests(SimpleTestCase):
    def test_line_total_adds_fee_per_ticket(self):
        self.assertEqual(pricing.line_total(2000, 3), 3 * 2100)

    def test_line_total_refuses_zero_quantity(self):
        with self.assertRaises(pricing.PricingError):
            pricing.line_total(2000, 0)

    def test_order_total_sums_lines(self):
        self.assertEqual(pricing.order_total([(2000, 1), (1000, 2)]), 2100 + 2 * 1050)

    def test_discount_is_applied_after_fees(self):
        self.assertEqual(pricing.order_total([(2000, 1)], discount_percent=10), 1890)

    def test_full_discount_is_free(self):
        self.assertEqual(pricing.apply_discount(5000, 100), 0)

    def test_discount_out_of_range_is_refused(self):
        with self.assertRaises(pricing.PricingError):
            pricing.apply_discount(5000, 101)
