from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.core.exceptions import ValidationError
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tickets.models import Ticket
from tickets.serializers import TicketSerializer

from . import accounts, throttle
from .serializers import LoginSerializer, PasswordChangeSerializer, ProfileSerializer, SignupSerializer


class SignupView(APIView):
    permission_classes = [permissions.AllowAny]

    def post(self, request):
        form = SignupSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            user = accounts.sign_up(**form.validated_data)
        except accounts.SignupError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        except ValidationError as error:
            return Response({"password": error.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"username": user.username}, status=status.HTTP_201_CREATED)


class LoginView(APIView):
    permission_classes = [permissions.AllowAny]

    def post(self, request):
        form = LoginSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        username = form.validated_data["username"]
        if throttle.is_locked(username):
            return Response({"detail": "too many failed logins"}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        user = authenticate(request, username=username, password=form.validated_data["password"])
        if user is None:
            throttle.record_failure(username)
            return Response({"detail": "wrong username or password"}, status=status.HTTP_400_BAD_REQUEST)
        throttle.reset(username)
        login(request, user)
        return Response({"username": user.username})


class LogoutView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def post(self, request):
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        return Response(ProfileSerializer(accounts.profile_of(request.user)).data)

    def patch(self, request):
        profile = accounts.profile_of(request.user)
        form = ProfileSerializer(profile, data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        try:
            form.validated_data["phone"] = accounts.normalize_phone(form.validated_data.get("phone", profile.phone))
        except accounts.SignupError as error:
            return Response({"phone": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        form.save()
        return Response(form.data)


class PasswordChangeView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def post(self, request):
        form = PasswordChangeSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        if not request.user.check_password(form.validated_data["old_password"]):
            return Response({"old_password": ["wrong password"]}, status=status.HTTP_400_BAD_REQUEST)
        request.user.set_password(form.validated_data["new_password"])
        request.user.save()
        update_session_auth_hash(request, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyTicketsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        tickets = (Ticket.objects.filter(order__user=request.user, order__status="paid")
                   .select_related("ticket_type").order_by("id"))
        return Response(TicketSerializer(tickets, many=True).data)
