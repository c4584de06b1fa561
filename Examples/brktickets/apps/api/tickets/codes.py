"""Ticket codes: eight characters from an unambiguous alphabet and a check character."""
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def check_character(body):
    total = 0
    for index, char in enumerate(body):
        value = ALPHABET.index(char)
        total += value * (index + 1 if index % 2 == 0 else 2 * index + 1)
    return ALPHABET[total % len(ALPHABET)]


def new_code(length=8):
    body = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return body + check_character(body)


def normalize(code):
    return code.strip().upper().replace("-", "").replace(" ", "").replace("O", "0").replace("I", "1")


def is_valid(code):
    code = normalize(code)
    if len(code) < 2 or any(char not in ALPHABET for char in code):
        return False
    return check_character(code[:-1]) == code[-1]


def display(code):
    """Groups a code in fours for printing: ABCD-EFGH-J."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))
