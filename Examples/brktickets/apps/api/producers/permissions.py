from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import Membership


class IsProducerMember(BasePermission):
    """Members read; owners and managers write."""

    def has_object_permission(self, request, view, obj):
        producer = getattr(obj, "producer", obj)
        role = producer.member_role(request.user)
        if role is None:
            return False
        if request.method in SAFE_METHODS:
            return True
        return role in (Membership.OWNER, Membership.MANAGER)


def can_scan(user, producer):
    return producer.member_role(user) is not None
