from django.db.models import Count, Sum
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from .models import Membership, Producer, Venue
from .permissions import IsProducerMember
from .serializers import MembershipSerializer, PayoutSerializer, ProducerSerializer, VenueSerializer


class ProducerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                      viewsets.GenericViewSet):
    serializer_class = ProducerSerializer
    permission_classes = [permissions.IsAuthenticated, IsProducerMember]

    def get_queryset(self):
        return Producer.objects.filter(memberships__user=self.request.user).distinct()

    @action(detail=True)
    def members(self, request, pk=None):
        producer = self.get_object()
        return Response(MembershipSerializer(producer.memberships.select_related("user"), many=True).data)

    @action(detail=True)
    def payouts(self, request, pk=None):
        producer = self.get_object()
        return Response(PayoutSerializer(producer.payouts.order_by("-created_at"), many=True).data)

    @action(detail=True)
    def sales(self, request, pk=None):
        from tickets.models import Ticket

        producer = self.get_object()
        rows = (
            Ticket.objects.filter(ticket_type__event__producer=producer, order__status="paid")
            .values("ticket_type__event__title")
            .annotate(sold=Count("id"), gross_cents=Sum("ticket_type__price_cents"))
            .order_by("ticket_type__event__title")
        )
        return Response([
            {"event": row["ticket_type__event__title"], "sold": row["sold"], "gross_cents": row["gross_cents"]}
            for row in rows
        ])


class VenueViewSet(viewsets.ModelViewSet):
    serializer_class = VenueSerializer
    permission_classes = [permissions.IsAuthenticated, IsProducerMember]

    def get_queryset(self):
        return Venue.objects.filter(producer__memberships__user=self.request.user).distinct()

    def perform_create(self, serializer):
        producer = serializer.validated_data["producer"]
        if producer.member_role(self.request.user) not in (Membership.OWNER, Membership.MANAGER):
            raise PermissionDenied("Only owners and managers add venues.")
        serializer.save()
