"""Language identification: each article says its language, and one detente does not analyse
is kept, marked, counted and announced instead of coming out silently empty."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from detente.cli import cli
from detente.language import FALLBACK_LANGUAGE, check_language, forced, load_identifier
from detente.model import Document
from detente.pipeline import extract
from detente.store import Store
from detente.store.ingest import ingest_documents
from detente.store.summary import summarize

SNIPPETS = Path(__file__).parent / "fixtures" / "language" / "snippets.tsv"

PORTUGUESE = ("O governo federal anunciou nesta terça-feira um pacote de medidas para conter a alta dos "
              "alimentos. Segundo o ministro da Fazenda, as medidas entram em vigor no próximo mês e devem "
              "reduzir os preços da carne, do arroz e do feijão até o fim do ano.")
ENGLISH = ("Brazil's foreign minister met his Russian counterpart in Moscow on Tuesday to discuss trade, "
           "officials said. The two ministers agreed to hold further talks in Brasilia next month.")


def snippets() -> list[tuple[str, str]]:
    """The tuned part: every 4th line of each language is locked for bench/language.py."""
    seen: dict[str, int] = {}
    tuned = []
    for line in SNIPPETS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            truth, text = line.split("\t", 1)
            seen[truth] = seen.get(truth, 0) + 1
            if seen[truth] % 4:
                tuned.append((truth, text))
    return tuned


@pytest.fixture(scope="module")
def identify():
    return load_identifier()


def test_snippets_in_many_languages_are_identified(identify):
    by_truth = defaultdict(list)
    for truth, text in snippets():
        by_truth[truth].append(identify(text))
    assert len(by_truth) >= 15 and sum(map(len, by_truth.values())) >= 250
    # English, and English that quotes another language, is always analysed.
    for truth in ("en", "mixed"):
        missed = [g for g in by_truth[truth] if not g.analysed]
        assert not missed, missed
    others = [(truth, g) for truth, guesses in by_truth.items() if truth not in ("en", "mixed") for g in guesses]
    right = sum(g.language == truth for truth, g in others)
    not_analysed = sum(not g.analysed for _, g in others)
    assert right / len(others) >= 0.95
    assert not_analysed / len(others) >= 0.98


@pytest.mark.parametrize("text", ["12:45 — 3 / 4", "", "   ", "***"])
def test_text_without_words_falls_back_to_english_with_a_note(identify, text):
    guess = identify(text)
    assert guess.language == FALLBACK_LANGUAGE and guess.analysed
    assert guess.note == "language unsure (no words): analysed as English"


def test_a_short_text_that_may_be_english_is_analysed_with_a_note(identify):
    guess = identify("Scholz trifft Macron in Paris")  # German, but its words are names or English-like
    assert (guess.language, guess.detected, guess.reason) == ("en", "de", "unsure")
    assert guess.note.startswith("language unsure (best guess de, 0.") and guess.note.endswith("analysed as English")


def test_a_short_text_unsure_only_between_other_languages_is_not_analysed(identify):
    guess = identify("В результате пожара никто не пострадал.")  # Russian, Bulgarian or Macedonian?
    assert guess.confidence < 0.9 and not guess.analysed and guess.reason is None


def test_short_english_is_analysed_without_a_note(identify):
    for headline in ("Read more", "Erdogan hosts Zelensky in Istanbul", "Jakarta floods leave 12 dead"):
        assert identify(headline).language == "en" and identify(headline).note is None


def test_a_page_that_changes_language_is_analysed_as_english_with_a_note(identify):
    text = "\n\n".join([PORTUGUESE] * 3 + [ENGLISH + " " + ENGLISH])
    assert len(identify.windows(text)) == 3
    guess = identify(text)
    assert guess.detected == "pt" and guess.language == "en" and guess.reason == "mixed"
    assert guess.note == "mixed languages (pt, en): analysed as English"
    # An English opening settles it: such a page is English, with no note.
    assert identify("\n\n".join([ENGLISH + " " + ENGLISH] + [PORTUGUESE] * 3)).note is None


def test_a_long_text_in_one_language_has_no_note(identify):
    guess = identify("\n\n".join([PORTUGUESE] * 4))
    assert (guess.language, guess.analysed, guess.reason) == ("pt", False, None)
    assert guess.note == "not analysed: language pt"
    assert identify(ENGLISH * 5).note is None


def test_windows_spread_over_text_without_spaces(identify):
    text = "".join(chr(0x4E00 + i % 500) for i in range(2000))
    windows = identify.windows(text)
    size = identify.window_chars
    assert len(windows) == 3 and windows[0] == text[:size] and windows[-1] == text[-size:]
    assert all(len(w) == size for w in windows)


def test_windows_start_on_a_word():
    windows = load_identifier().windows(ENGLISH * 6)
    assert all(w.split(" ", 1)[0] in ENGLISH.split() for w in windows)


def test_forced_language_is_checked():
    assert forced(" PT").language == "pt" and not forced("pt").analysed and forced("en").note is None
    assert check_language("ko") == "ko"
    for bad in ("xx", "eng", "p", "Portuguese"):
        with pytest.raises(ValueError, match="ISO 639-1"):
            check_language(bad)


def document(doc_id: str, text: str) -> Document:
    return Document(doc_id=doc_id, origin=f"{doc_id}.txt", text=text, format="text")


def test_pipeline_keeps_a_foreign_article_unanalysed_and_analyses_english(nlp):
    pt, en = extract([document("pt", PORTUGUESE), document("en", ENGLISH)], nlp=nlp)
    assert (pt.language, pt.analysed, pt.language_note) == ("pt", False, "not analysed: language pt")
    assert "feijão" in pt.text and not (pt.entities or pt.quotes or pt.events or pt.figures)
    assert (en.language, en.analysed, en.language_note) == ("en", True, None)
    assert any(e.text == "Moscow" for e in en.entities)


def test_forcing_english_analyses_a_text_whatever_it_looks_like(nlp):
    (article,) = extract([document("pt", PORTUGUESE)], nlp=nlp, language="en")
    assert article.language == "en" and article.analysed and article.entities


def test_extract_says_once_per_document_that_it_did_not_analyse_it(tmp_path):
    (tmp_path / "pt.txt").write_text(PORTUGUESE + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    languages = {json.loads(line)["doc_id"]: json.loads(line)["language"] for line in result.stdout.splitlines()}
    assert languages == {"pt": "pt", "en": "en"}
    assert result.stderr.splitlines() == [f"detente: {tmp_path / 'pt.txt'}: not analysed: language pt"]

    forced_run = CliRunner().invoke(cli, ["extract", "--language", "en", str(tmp_path / "pt.txt")])
    assert json.loads(forced_run.stdout)["language"] == "en" and not forced_run.stderr
    bad = CliRunner().invoke(cli, ["extract", "--language", "portuguese", str(tmp_path)])
    assert bad.exit_code == 2 and "ISO 639-1" in bad.stderr


def test_store_records_language_and_show_counts_it(tmp_path, nlp):
    with Store(tmp_path / "s.duckdb") as store:
        noted = []
        ingest_documents([document("pt", PORTUGUESE), document("en", ENGLISH)], store, nlp=nlp,
                         on_article=noted.append)
        assert store.query("SELECT article_id, language, analysed FROM articles ORDER BY 1") == [
            ("en:0", "en", True), ("pt:0", "pt", False)]
        assert summarize(store)["languages"] == [
            {"language": "en", "articles": 1, "analysed": 1}, {"language": "pt", "articles": 1, "analysed": 0}]
        assert [a.language_note for a in noted] == ["not analysed: language pt", None]


def test_ingest_command_notes_and_forces_the_language(tmp_path):
    (tmp_path / "pt.txt").write_text(PORTUGUESE + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["ingest", "--no-progress", "--language", "pt", str(tmp_path / "pt.txt"),
                                      "--db", db])
    assert result.exit_code == 0, result.output
    assert f"detente: {tmp_path / 'pt.txt'}: not analysed: language pt" in result.stderr.splitlines()
    shown = CliRunner().invoke(cli, ["show", "--json", "--db", db])
    assert json.loads(shown.stdout)["languages"] == [{"language": "pt", "articles": 1, "analysed": 0}]


def test_a_store_made_before_languages_gains_the_columns(tmp_path):
    path = str(tmp_path / "old.duckdb")
    with Store(path):
        pass
    con = duckdb.connect(path)
    con.execute("ALTER TABLE articles DROP COLUMN language")
    con.execute("ALTER TABLE articles DROP COLUMN analysed")
    con.execute("INSERT INTO articles (article_key, doc_key, article_id, position) VALUES ('k:0', 'k', 'a:0', 0)")
    con.close()
    with Store(path) as store:
        ingest_documents([document("pt", PORTUGUESE)], store, language="pt")
        assert summarize(store)["languages"] == [
            {"language": "(not identified)", "articles": 1, "analysed": 1},
            {"language": "pt", "articles": 1, "analysed": 0}]
