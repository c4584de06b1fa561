"""Money arithmetic for producer payouts, in integer cents."""
from decimal import ROUND_HALF_UP, Decimal


class PayoutError(ValueError):
    pass


def split_revenue(gross_cents, commission_percent):
    """Returns (fee, net) for a gross amount; the fee is rounded half up to the cent."""
    if gross_cents < 0:
        raise PayoutError("gross must not be negative")
    percent = Decimal(commission_percent)
    if percent < 0 or percent > 100:
        raise PayoutError("commission must be between 0 and 100 percent")
    fee = (Decimal(gross_cents) * percent / Decimal(100)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(fee), gross_cents - int(fee)


def split_evenly(total_cents, parts):
    """Splits an amount into `parts` shares that differ by at most one cent and add up."""
    if parts <= 0:
        raise PayoutError("parts must be positive")
    share, remainder = divmod(total_cents, parts)
    return [share + 1 if index < remainder else share for index in range(parts)]


def format_cents(cents, currency="EUR"):
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole:,}.{part:02d} {currency}"


def create_payout(producer, gross_cents):
    from .models import Payout

    fee, net = split_revenue(gross_cents, producer.commission_percent)
    return Payout.objects.create(producer=producer, gross_cents=gross_cents, fee_cents=fee, net_cents=net)
