"""Tests for sahel_course.voices, on sentences copied verbatim from data/articles/*.md."""
from __future__ import annotations

import pandas as pd
import pytest

from sahel_course import voices
from sahel_course._paths import data_dir

# (article id, paragraph copied verbatim from the article body)
SPUTNIK_ASKED = ('"If partners have decided to leave certain areas, if they decide to leave tomorrow - what do we do?" '
                 'Maiga asked. "Should we not have a plan B?"')
SPUTNIK_HE_SAID = '"As UN, we do not interfere in sovereign prerogatives," he said.'
SPUTNIK_MAIGA_SAID = ('Speaking to the press on Saturday, Maïga said Mali must "broaden our potential for cooperation to '
                      'bolster our national defence" after its international partners “altered their policy” or "have '
                      'decided to leave Mali to withdraw to other countries."')
SPUTNIK_LACROIX = ('Speaking at a press conference on Friday, Jean-Pierre Lacroix, the UN Under-Secretary-General for '
                   'Peace Operations, said it was “critical that any partnership be carried out in full respect for human '
                   'rights and international humanitarian law.”')
SPUTNIK_REUTERS = ('His comments were an indirect response to a report by Reuters last week claiming “a deal is close” '
                   'between the interim Malian government, which is dominated by the military but also contains '
                   'civilian groups, and the Wagner Group, which the news agency falsely claims is tied to the Russian '
                   'government.')
SPUTNIK_ADMITTED = ('The Reuters report cited several unnamed sources, and even admitted it “could not confirm '
                    'independently” any of the reports it nonetheless published as factual and billed as “exclusive.” '
                    'Their requests for comment by the Malian government were similarly rebuffed as rumors unworthy '
                    'of a reply.')
TEBBOUNE = ('Tebboune, aware that Mali way want to eventually retake Kidal by force, has insisted on various occasions '
            'that the dispute can only be solved within the framework of the APR. “Where the Sahel region is concerned, '
            'we support relations between Mali and the Russian Federation,” the Algerian leader stated in Moscow. '
            '“Mali neighbors our country. We should negotiate and discuss all issues under any circumstances. We have '
            'an instrument known as the Algiers Agreement.”')
GFP_PARTNERSHIP = ('The day after the weapons were delivered, President Assimi Goita praised the quality of the '
                   '“partnership” with Russia, who “respects Mali’s sovereignty” [1]')
GFP_WAGNER = ('Following “Wagner”-leader Yevgeny Prigozhin’s putsch attempt and the disbanding of his militia in Russia, '
              'Russia’s Foreign Minister Sergei Lavrov has confirmed')
HEDGE_GFP = ('it can be assumed that they are Russian soldiers.')
HEDGE_ANALYSIS = ('it stands to reason that the Malian government received express backing from Russia, which has veto '
                  'power in the UN Security Council.')

REAL = {
    "sputnik-2021-09-plan-b": [SPUTNIK_ASKED, SPUTNIK_HE_SAID, SPUTNIK_MAIGA_SAID, SPUTNIK_LACROIX, SPUTNIK_REUTERS,
                               SPUTNIK_ADMITTED],
    "analysis-2023-07-end-of-minusma": [TEBBOUNE, HEDGE_ANALYSIS],
    "gfp-2022-08-battle-over-mali": [GFP_PARTNERSHIP, HEDGE_GFP],
    "gfp-2023-07-path-to-independence": [GFP_WAGNER],
}


def corpus_of(*texts: str, art_id: str = "x") -> pd.DataFrame:
    return pd.DataFrame({"id": [art_id], "text": ["\n".join(texts)]})


@pytest.mark.parametrize("art_id,snippet", [(a, s) for a, ss in REAL.items() for s in ss])
def test_test_sentences_are_verbatim_from_the_articles(art_id, snippet):
    body = (data_dir() / "articles" / f"{art_id}.md").read_text(encoding="utf-8")
    assert snippet in body


def test_quote_verb_name_and_continuation():
    q = voices.find_quotes(corpus_of(SPUTNIK_ASKED))
    assert q["quote"].tolist() == ["If partners have decided to leave certain areas, if they decide to leave tomorrow "
                                   "- what do we do?", "Should we not have a plan B?"]
    assert q["speaker"].tolist() == ["Maiga", "Maiga"]
    assert q["verb"].tolist() == ["asked", "asked"]
    assert q["pattern"].tolist() == ["quote-verb-name", "continuation"]
    assert q["verb_class"].tolist() == ["neutral", "neutral"]


def test_pronoun_speaker_straight_quotes():
    q = voices.find_quotes(corpus_of(SPUTNIK_HE_SAID)).iloc[0]
    assert (q["quote"], q["speaker"], q["verb"], q["pattern"]) == (
        "As UN, we do not interfere in sovereign prerogatives", "he", "said", "quote-verb-name")


def test_name_verb_quote_mixed_quote_marks():
    q = voices.find_quotes(corpus_of(SPUTNIK_MAIGA_SAID))
    assert len(q) == 3
    assert q["speaker"].tolist() == ["Maïga"] * 3
    assert q["pattern"].tolist() == ["name-verb-quote", "continuation", "continuation"]
    assert q["quote"].iloc[1] == "altered their policy"


def test_appositive_speaker():
    q = voices.find_quotes(corpus_of(SPUTNIK_LACROIX)).iloc[0]
    assert q["speaker"] == "Jean-Pierre Lacroix"
    assert q["verb"] == "said" and q["pattern"] == "name-verb-quote"


def test_loaded_verbs_reuters():
    q = voices.find_quotes(corpus_of(SPUTNIK_REUTERS, SPUTNIK_ADMITTED))
    first, second, third = q.to_dict("records")
    assert first["quote"] == "a deal is close"
    assert (first["verb"], first["verb_class"]) == ("claiming", "loaded")
    assert "Reuters" in first["speaker"]
    assert (second["verb"], second["verb_class"], second["speaker"]) == ("admitted", "loaded", "Reuters")
    assert third["pattern"] == "scare quote" and third["speaker"] is None


def test_tebboune_noun_phrase_speaker_and_continuation():
    q = voices.find_quotes(corpus_of(TEBBOUNE))
    assert q["speaker"].tolist() == ["the Algerian leader", "the Algerian leader"]
    assert q["verb"].tolist() == ["stated", "stated"]
    assert q["pattern"].tolist() == ["quote-verb-name", "continuation"]
    assert q["quote"].iloc[1].startswith("Mali neighbors our country.")


def test_scare_quotes_and_unattributed():
    q = voices.find_quotes(corpus_of(GFP_PARTNERSHIP, GFP_WAGNER))
    rows = dict(zip(q["quote"], q["pattern"]))
    assert rows == {"partnership": "scare quote", "respects Mali’s sovereignty": "unattributed", "Wagner": "scare quote"}
    assert q["speaker"].isna().all() and q["verb"].isna().all()


def test_columns_and_empty_corpus():
    q = voices.find_quotes(corpus_of("No quotation here."))
    assert list(q.columns) == voices.QUOTE_COLUMNS and q.empty


def test_bad_input_messages():
    with pytest.raises(TypeError, match="load_corpus"):
        voices.find_quotes("text")
    with pytest.raises(ValueError, match="'text'"):
        voices.hedges(pd.DataFrame({"id": ["a"]}))


def test_attribution_verb_list_is_package_data():
    verbs = voices.attribution_verbs()
    assert list(verbs.columns) == ["word", "class", "origin"]
    assert set(verbs["class"]) == {"neutral", "loaded"}
    assert not verbs["word"].duplicated().any()
    classes = dict(zip(verbs["word"], verbs["class"]))
    for word in ("said", "told", "added", "stated", "wrote", "explained", "asked", "announced", "reported"):
        assert classes[word] == "neutral"
    for word in ("claimed", "admitted", "insisted", "alleged", "boasted", "revealed", "conceded", "denied", "demanded"):
        assert classes[word] == "loaded"
    assert verbs["origin"].str.strip().ne("").all()


def test_hedges_real_sentences():
    h = voices.hedges(corpus_of(HEDGE_GFP.capitalize(), HEDGE_ANALYSIS.capitalize()))
    assert h["hedge"].tolist() == ["it can be assumed", "it stands to reason"]
    assert list(h.columns) == ["id", "sentence", "hedge"]


def test_hedges_may_is_lowercase_only_and_longest_match_wins():
    h = voices.hedges(corpus_of("In May, the troops left. The troops may leave. It appears so."))
    assert h["hedge"].tolist() == ["may", "it appears"]


def test_unnamed_sources():
    text = ("While Interim Prime Minister Choguel Maïga named no country, Western journalists and academics have "
            "decided Bamako is secretly preparing a new deal with a Russian military group.\n"
            "Many analysts expected the FAMA to suffer more than it has from the departure of Barkhane forces.\n"
            "Human rights organizations, on the other hand, speak of a massacre.")
    u = voices.unnamed_sources(corpus_of(text))
    assert u["phrase"].tolist() == ["Western journalists and academics", "many analysts", "human rights organizations"]


def test_whole_corpus_runs():
    from sahel_course.corpus import load_corpus
    corpus = load_corpus()
    q = voices.find_quotes(corpus)
    assert set(q["pattern"]) <= {"quote-verb-name", "name-verb-quote", "continuation", "unattributed", "scare quote"}
    assert len(q) >= 20
    assert (q.loc[q["pattern"] == "scare quote", "quote"].str.split().str.len() <= 2).all()
    assert not voices.hedges(corpus).empty and not voices.unnamed_sources(corpus).empty


def test_lexicons_use_the_course_matching_rule():
    # "may" is case-sensitive in hedges.csv (the month May is not a hedge); other phrases are not;
    # a phrase is matched as whole words: "dismay" holds no hedge
    demo = pd.DataFrame({"id": ["d"], "text": ["In May, Reportedly the army MAY leave. It may. To their dismay."]})
    assert voices.hedges(demo)["hedge"].tolist() == ["reportedly", "may"]
    assert voices.lexicon_spans("Analysts’ views", "unnamed_sources.csv") == [(0, 8, "analysts")]


def test_a_title_abbreviation_does_not_end_the_speakers_sentence():
    # sahel_course.text.sentences does not end a sentence after "Col.", so the speaker keeps the title
    quotes = voices.find_quotes(pd.DataFrame({"id": ["d"], "text": [
        'Col. Assimi Goïta said the army "will not leave Mali this year."']}))
    assert quotes[["speaker", "verb", "pattern"]].values.tolist() == [["Col. Assimi Goïta", "said", "name-verb-quote"]]
