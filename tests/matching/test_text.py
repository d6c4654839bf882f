"""Key terms used in reasons: phrases are real neighbours in the text, never stitched across stop words."""

from matching.text.tfidf import phrase_terms


def test_phrases_are_adjacent_content_words():
    assert "membership fee" in phrase_terms("We doubled the membership fee last year.")


def test_no_phrase_spans_a_stop_word_or_punctuation():
    terms = phrase_terms("Organisations and companies. Research, then markets")
    assert "organisations companies" not in terms
    assert "companies research" not in terms


def test_a_word_is_never_paired_with_itself():
    assert "year year" not in phrase_terms(
        "Engagement drops after the first year. The year after, worse."
    )
