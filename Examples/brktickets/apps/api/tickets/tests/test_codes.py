from django.test import SimpleTestCase

from tickets import codes


class CodeTests(SimpleTestCase):
    def test_new_code_has_body_and_check_character(self):
        self.assertEqual(len(codes.new_code()), 9)

    def test_new_code_uses_the_alphabet_only(self):
        self.assertTrue(all(char in codes.ALPHABET for char in codes.new_code(20)))

    def test_new_code_is_valid(self):
        for _ in range(50):
            self.assertTrue(codes.is_valid(codes.new_code()))

    def test_changed_character_is_detected(self):
        code = "ABCDEFGH" + codes.check_character("ABCDEFGH")
        broken = "ABCDEFGJ" + code[-1]
        self.assertFalse(codes.is_valid(broken))

    def test_swapped_neighbours_are_detected(self):
        body = "ABCDEFGH"
        code = body + codes.check_character(body)
        self.assertFalse(codes.is_valid("BACDEFGH" + code[-1]))

    def test_normalize_strips_dashes_spaces_and_case(self):
        self.assertEqual(codes.normalize(" abcd-efgh j "), "ABCDEFGHJ")

    def test_normalize_maps_lookalikes(self):
        self.assertEqual(codes.normalize("O1I"), "011")

    def test_foreign_characters_are_invalid(self):
        self.assertFalse(codes.is_valid("ABC!EFGHJ"))

    def test_too_short_is_invalid(self):
        self.assertFalse(codes.is_valid("A"))

    def test_display_groups_in_fours(self):
        self.assertEqual(codes.display("ABCDEFGHJ"), "ABCD-EFGH-J")

    def test_display_of_valid_code_normalizes_back(self):
        code = codes.new_code()
        self.assertEqual(codes.normalize(codes.display(code)), code)
