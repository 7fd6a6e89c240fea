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
