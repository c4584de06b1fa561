"""Buying, cancelling and checking in tickets. Stock is guarded with SELECT … FOR UPDATE."""
from django.db import transaction
from django.utils import timezone

from . import availability, codes
from .models import Order, Ticket, TicketType
from .pricing import line_total


class PurchaseError(Exception):
    pass


class SoldOut(PurchaseError):
    pass


class CheckInError(Exception):
    pass


def _unique_reference():
    while True:
        reference = codes.new_code(8)[:8]
        if not Order.objects.filter(reference=reference).exists():
            return reference


def purchase(user, ticket_type_id, quantity):
    if quantity <= 0:
        raise PurchaseError("quantity must be positive")
    with transaction.atomic():
        ticket_type = TicketType.objects.select_for_update().select_related("event").get(pk=ticket_type_id)
        if not ticket_type.event.published:
            raise PurchaseError("event is not on sale")
        if quantity > ticket_type.max_per_order:
            raise PurchaseError(f"at most {ticket_type.max_per_order} tickets per order")
        if quantity > ticket_type.available:
            raise SoldOut(f"only {ticket_type.available} left")
        ticket_type.sold += quantity
        ticket_type.save(update_fields=["sold"])
        order = Order.objects.create(
            user=user, reference=_unique_reference(),
            total_cents=line_total(ticket_type.price_cents, quantity))
        Ticket.objects.bulk_create(
            Ticket(order=order, ticket_type=ticket_type, code=codes.new_code()) for _ in range(quantity))
        transaction.on_commit(lambda: availability.invalidate(ticket_type.event_id))
    return order


def cancel(order):
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status == Order.CANCELLED:
            raise PurchaseError("order is already cancelled")
        if order.tickets.filter(checked_in_at__isnull=False).exists():
            raise PurchaseError("a ticket of this order was already used")
        counts = {}
        for ticket in order.tickets.all():
            counts[ticket.ticket_type_id] = counts.get(ticket.ticket_type_id, 0) + 1
        for ticket_type in TicketType.objects.select_for_update().filter(pk__in=counts):
            ticket_type.sold -= counts[ticket_type.pk]
            ticket_type.save(update_fields=["sold"])
            transaction.on_commit(lambda event_id=ticket_type.event_id: availability.invalidate(event_id))
        order.status = Order.CANCELLED
        order.save(update_fields=["status"])
    return order


def check_in(code):
    code = codes.normalize(code)
    if not codes.is_valid(code):
        raise CheckInError("not a ticket code")
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().select_related("order").filter(code=code).first()
        if ticket is None:
            raise CheckInError("unknown ticket")
        if ticket.order.status != Order.PAID:
            raise CheckInError("order is not paid")
        if ticket.checked_in_at is not None:
            raise CheckInError("ticket already used")
        ticket.checked_in_at = timezone.now()
        ticket.save(update_fields=["checked_in_at"])
    return ticket
