import re

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from .models import Profile

PHONE = re.compile(r"^\+?[0-9 ]{6,19}$")


class SignupError(ValueError):
    pass


def normalize_phone(phone):
    phone = phone.strip()
    if phone and not PHONE.match(phone):
        raise SignupError("phone number must hold digits and spaces only")
    return phone.replace(" ", "")


def sign_up(username, email, password, display_name="", phone=""):
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise SignupError("username is taken")
    user = User(username=username, email=email)
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save()
        Profile.objects.create(user=user, display_name=display_name, phone=normalize_phone(phone))
    return user


def profile_of(user):
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile
