from django.db.models import Q
from django.shortcuts import get_object_or_404
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from producers.permissions import can_scan

from . import availability, services
from .models import Event, Order, Ticket
from .serializers import CheckInSerializer, EventSerializer, OrderSerializer, PurchaseSerializer


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"

    def get_queryset(self):
        events = Event.objects.filter(published=True).select_related("producer")
        query = self.request.query_params.get("q")
        if query:
            events = events.filter(Q(title__icontains=query) | Q(producer__name__icontains=query))
        return events.prefetch_related("ticket_types")

    @action(detail=True)
    def availability(self, request, slug=None):
        event = self.get_object()
        return Response({str(key): value for key, value in availability.availability(event).items()})


class OrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = OrderSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Order.objects.filter(user=self.request.user).prefetch_related("tickets__ticket_type")

    def create(self, request):
        form = PurchaseSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            order = services.purchase(request.user, form.validated_data["ticket_type"],
                                      form.validated_data["quantity"])
        except services.SoldOut as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        except services.PurchaseError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        except services.TicketType.DoesNotExist:
            return Response({"detail": "unknown ticket type"}, status=status.HTTP_404_NOT_FOUND)
        return Response(OrderSerializer(order).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        try:
            order = services.cancel(self.get_object())
        except services.PurchaseError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(OrderSerializer(order).data)


class CheckInView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def post(self, request):
        form = CheckInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        from . import codes

        ticket = get_object_or_404(Ticket.objects.select_related("ticket_type__event__producer"),
                                   code=codes.normalize(form.validated_data["code"]))
        if not can_scan(request.user, ticket.ticket_type.event.producer):
            return Response({"detail": "not a door scanner of this producer"}, status=status.HTTP_403_FORBIDDEN)
        try:
            services.check_in(ticket.code)
        except services.CheckInError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response({"code": ticket.code, "event": ticket.ticket_type.event.title})
