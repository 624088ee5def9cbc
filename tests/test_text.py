"""Tests for sahel_course.text: words, sentences, paragraphs (expected values checked by hand)."""
from __future__ import annotations

import pytest

from sahel_course.corpus import get_article, load_corpus
from sahel_course.text import paragraphs, sentences, tokenize


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


# ---------------------------------------------------------------- tokenize ----


@pytest.mark.parametrize("written", ["MINUSMA’s", "MINUSMA's"])
def test_both_apostrophes_give_the_same_word(written):
    assert tokenize(f"ending {written} mandate") == ["ending", "minusma's", "mandate"]


def test_lower_false_keeps_the_word_as_written():
    assert tokenize("ending MINUSMA’s mandate", lower=False) == ["ending", "MINUSMA’s", "mandate"]
    assert tokenize("they're and they’re", lower=False) == ["they're", "and", "they’re"]


def test_apostrophes_at_word_edges_are_quotes_not_letters():
    # 'last month' in single quotes; plural possessive soldiers'
    assert tokenize("'last month' the soldiers' camp") == ["last", "month", "the", "soldiers", "camp"]


def test_numbers_with_separators_and_decimals():
    assert tokenize("1,350 soldiers, 15,000 personnel, $1.2 billion") == [
        "1,350", "soldiers", "15,000", "personnel", "1.2", "billion",
    ]


def test_a_number_then_a_comma_and_a_space_is_two_words():
    assert tokenize("in 2022, 300 civilians") == ["in", "2022", "300", "civilians"]


def test_full_stop_without_space_after_a_year_is_not_a_decimal_point():
    # real typo in the analysis article: "in February 2022.The sanctions"
    assert tokenize("February 2022.The sanctions") == ["february", "2022", "the", "sanctions"]


def test_hyphenated_words_and_ranges():
    assert tokenize("anti-colonial self-defense G5-Sahel") == ["anti-colonial", "self-defense", "g5-sahel"]
    # documented choice: a hyphen range is one word, an en-dash range two
    assert tokenize("an estimated 1,500-2,000 mercenaries") == ["an", "estimated", "1,500-2,000", "mercenaries"]
    assert tokenize("1,500\u20132,000") == ["1,500", "2,000"]


def test_no_punctuation_tokens():
    assert tokenize("“Russian instructors.” – (FAMA) [4] ... ?!") == ["russian", "instructors", "fama", "4"]


def test_dotted_abbreviations_are_one_word():
    assert tokenize("the U.S. and U.N., e.g. here") == ["the", "u.s.", "and", "u.n.", "e.g.", "here"]


def test_accented_letters_stay_in_the_word():
    decomposed = "Sangare\u0301"  # e + combining acute accent
    assert tokenize(f"Col. {decomposed}") == ["col", "sangaré"]
    assert tokenize("Assimi Goïta") == ["assimi", "goïta"]


def test_tokenize_rejects_non_strings():
    with pytest.raises(TypeError, match="needs a string"):
        tokenize(None)


def test_real_article_word_count_matches_the_corpus(corpus):
    art = get_article(corpus, "analysis-2023-07-end-of-minusma")
    words = tokenize(art["text"])
    assert "minusma's" in words and "1,500-2,000" in words and "1.2" in words


# --------------------------------------------------------------- sentences ----


def test_military_ranks_do_not_end_sentences(corpus):
    text = get_article(corpus, "analysis-2023-07-end-of-minusma")["text"]
    found = [s for s in sentences(text) if "Col. Moustapha" in s]
    assert found == [
        "As a direct consequence of the report, the United States issued sanctions against two "
        "Malian military officers (Col. Moustapha Sangaré and Maj. Lassine Togola) suspected of "
        "playing a crucial role in the massacre."
    ]


def test_month_abbreviation_does_not_end_a_sentence(corpus):
    text = get_article(corpus, "analysis-2023-07-end-of-minusma")["text"]
    found = [s for s in sentences(text) if "Dec. 31" in s]
    assert found == [
        "Later, UN officials and Malian authorities agreed on a plan to withdraw the mission over a "
        "six-month timeline, between July 1 and Dec. 31, 2023."
    ]


@pytest.mark.parametrize("abbr", ["Gen.", "Lt.", "Dr.", "Mr.", "Mrs.", "U.S.", "U.N.", "No.", "St.", "e.g.", "i.e."])
def test_listed_abbreviations(abbr):
    assert sentences(f"It was {abbr} Keita who spoke. Then he left.") == [
        f"It was {abbr} Keita who spoke.",
        "Then he left.",
    ]


def test_quotes_after_the_full_stop_stay_with_the_sentence():
    text = "The fighters are called “Russian instructors.” But on May 12 a report came. He asked: \"Why?\" Nobody answered."
    assert sentences(text) == [
        "The fighters are called “Russian instructors.”",
        "But on May 12 a report came.",
        'He asked: "Why?"',
        "Nobody answered.",
    ]


def test_lower_case_after_a_quote_does_not_split():
    assert sentences("“Should we leave?” he asked. Yes.") == ["“Should we leave?” he asked.", "Yes."]


def test_footnote_marker_after_the_full_stop():
    assert sentences("murdered by mercenaries.[4] Mass graves were found.") == [
        "murdered by mercenaries.[4]",
        "Mass graves were found.",
    ]


def test_line_breaks_end_sentences_headings_included():
    assert sentences("Competing objectives\nIn truth, it broke. It ended.") == [
        "Competing objectives",
        "In truth, it broke.",
        "It ended.",
    ]


def test_all_articles_split_without_tiny_fragments(corpus):
    for text in corpus["text"]:
        for s in sentences(text):
            assert s.strip() == s and len(s) > 3


# -------------------------------------------------------------- paragraphs ----


def test_paragraphs_single_and_blank_line_separators():
    assert paragraphs("One.\nTwo.\n\n  \nThree.\n") == ["One.", "Two.", "Three."]
    assert paragraphs("   \n") == []


def test_paragraphs_of_a_real_article(corpus):
    text = get_article(corpus, "analysis-2023-07-end-of-minusma")["text"]
    paras = paragraphs(text)
    assert paras[0].startswith("The transitional government in Mali")
    assert "MINUSMA’s mandate, both real and imagined" in paras
    assert len(paras) == len([line for line in text.splitlines() if line.strip()])


def test_letters_with_a_longer_lower_case_stay_whole():
    # "İ".lower() is two characters (i + combining dot); the word must not break
    assert tokenize("İstanbul talks") == ["istanbul", "talks"]


def test_unicode_hyphens_count_as_the_ascii_hyphen():
    assert tokenize("anti\u2010colonial and anti-colonial") == ["anti-colonial", "and", "anti-colonial"]
    assert tokenize("anti\u2010colonial", lower=False) == ["anti\u2010colonial"]


# ------------------------------------------------------ the public matching functions ----
from sahel_course.text import (fold, guess_language, prepare, quote_in, sentence_spans, term_spans,  # noqa: E402
                               word_count, word_spans)


def test_word_count_by_hand():
    # minusma's | 1,350 | anti-colonial | troops | u.s. | trained | left  -> 7 words
    assert word_count("MINUSMA’s 1,350 anti-colonial troops (U.S.-trained) left.") == 7
    assert word_count("") == 0 and word_count(" — “ ” ") == 0
    with pytest.raises(TypeError):
        word_count(None)


def test_word_spans_by_hand():
    text = "Mali’s army, 1,350 men."
    #       0123456789012345678901
    assert word_spans(text) == [(0, 6), (7, 11), (13, 18), (19, 22)]
    assert word_spans(text, 7, 18) == [(7, 11), (13, 18)]


def test_sentence_spans_are_positions_in_the_text_as_given():
    text = "  He said no. Then he left.\r\nCol. Smith came.  \n\nEnd"
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["He said no.", "Then he left.", "Col. Smith came.", "End"]
    assert spans[0] == (2, 13)  # counted by hand: two leading spaces, "He said no." is 11 characters


def test_fold_keeps_length_and_prepare_composes_accents():
    assert fold("İstanbul’s ‐ X") == "istanbul's - x" and len(fold("İ")) == 1
    assert prepare("Se\u0301gou") == "S\u00e9gou"


def test_term_spans_rule_and_case_sensitive_option():
    text = "In May, MINUSMA’s troops may leave; the may-pole and MAY stay. Dismay."
    found = [text[a:b] for a, b in term_spans(text, "may")]
    # May, may, MAY; not "may-pole" (a hyphenated word is one word) nor "Dismay"
    assert found == ["May", "may", "MAY"]
    assert [text[a:b] for a, b in term_spans(text, "may", case_sensitive=True)] == ["may"]
    assert [text[a:b] for a, b in term_spans(text, "minusma's")] == ["MINUSMA’s"]
    other = "May’s rain, may's too"
    assert [other[a:b] for a, b in term_spans(other, "May", case_sensitive=True)] == ["May’s"]


def test_quote_in_has_one_meaning():
    body = "Mali’s “transitional” government — not the junta\nsaid so."
    assert quote_in('MALI\'S "Transitional" government - not', body)  # case, quote marks, dash
    assert quote_in("the junta said so", body)  # a line break counts as a space
    assert not quote_in("the juntas said so", body)  # any other difference counts
    assert not quote_in("", body) and not quote_in("  ", body)


def test_guess_language_counts_hint_words():
    assert guess_language("Pourquoi veut-il partir") == "fr"  # pourquoi, veut-il (one word)
    assert guess_language("Streit um die Einsatzkräfte") == "de"
    assert guess_language("le the") == "en"  # a tie goes to English
    assert guess_language("Moura, 27.03.2022") == "unknown"
