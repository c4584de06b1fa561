"""Prices in integer cents."""
from decimal import ROUND_HALF_UP, Decimal

SERVICE_FEE_PERCENT = Decimal("5")
SERVICE_FEE_MINIMUM = 50
SERVICE_FEE_MAXIMUM = 500


class PricingError(ValueError):
    pass


def service_fee(price_cents):
    if price_cents == 0:
        return 0
    fee = (Decimal(price_cents) * SERVICE_FEE_PERCENT / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(SERVICE_FEE_MINIMUM, min(SERVICE_FEE_MAXIMUM, int(fee)))


def line_total(price_cents, quantity):
    if quantity <= 0:
        raise PricingError("quantity must be positive")
    return (price_cents + service_fee(price_cents)) * quantity


def apply_discount(total_cents, percent):
    if not 0 <= percent <= 100:
        raise PricingError("discount must be between 0 and 100 percent")
    discount = (Decimal(total_cents) * Decimal(percent) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return total_cents - int(discount)


def order_total(lines, discount_percent=0):
    """Sums (price_cents, quantity) lines with fees, then applies a discount."""
    return apply_discount(sum(line_total(price, quantity) for price, quantity in lines), discount_percent)
