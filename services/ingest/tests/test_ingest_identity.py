from newsflow_ingest.identity import article_id_for, normalize_content


def test_id_ignores_spacing_line_endings_and_unicode_forms():
    a = "Caf\u00e9 reopens\n\nThe caf\u00e9 on Main Street reopened."
    b = "  Cafe\u0301 reopens\r\n\r\nThe  cafe\u0301 on Main Street reopened.\n"
    assert article_id_for(a) == article_id_for(b)
    assert len(article_id_for(a)) == 16


def test_different_text_gets_a_different_id():
    assert article_id_for("The mayor resigned.") != article_id_for("The mayor did not resign.")


def test_normalize_keeps_case_and_punctuation():
    assert normalize_content("  A  B\tc!\n") == "A B c!"


def test_every_unicode_space_folds_like_ascii_space():
    # Ids of articles already accepted must not change: every character that was folded as
    # whitespace (any Unicode space, form feed, the separators U+001C..U+001F) still is.
    spaces = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000"
    for space in spaces:
        assert normalize_content(f"{space}Ferry{space}{space}runs{space}") == "Ferry runs", repr(space)
    assert normalize_content("Ferry\u200bruns") == "Ferry\u200bruns"  # zero-width space is not whitespace


def test_ascii_and_unicode_text_fold_compatibility_forms():
    assert normalize_content("\ufb01ve ferries") == "five ferries"  # the "fi" ligature
    assert normalize_content("five ferries") == "five ferries"
