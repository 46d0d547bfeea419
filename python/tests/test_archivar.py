"""pytest suite of the Python binding on real German and English text.

Run by ctest with ARCHIVAR_LIBRARY (the built libarchivar.so), PYTHONPATH
(this python/ folder) and ARCHIVAR_FOREIGN_INDEX (an index claiming schema
version 999) set.
"""
import os
import threading

import pytest

import archivar

ARTICLES = [
    dict(id="gold-1", title="Bundesbank gibt Goldmünze heraus", lang="de", date="2000-12-27",
         body="Die Deutsche Bundesbank wird ermächtigt, eine Münze in Gold herauszugeben. "
              "Die Goldmünze zu 100 Euro erscheint im kommenden Jahr.",
         author="Grit Müller", tags=["Geld", "Gold"], source="bundesbank",
         url="https://example.org/gold-1"),
    dict(id="gold-2", title="Münzsammler stürmen die Ausgabestellen", date="2001-03-14",
         body="Vor den Filialen der Bundesbank bildeten sich lange Schlangen. Viele Sammler "
              "wollten die neuen Münzen noch am ersten Tag kaufen.", source="zeitung"),
    dict(id="flood-de", title="Hochwasser an der Elbe erreicht Dresden", lang="de",
         date="2002-08-17", body="Die Elbe steigt in Dresden auf über neun Meter. Tausende "
                                 "Helfer füllen Sandsäcke.", source="zeitung"),
    dict(id="flood-en", title="Floods swamp Dresden", lang="en", date="2002-08-18",
         body="The river Elbe reached record levels in Dresden. Thousands of volunteers "
              "filled sandbags as the old town was evacuated.", source="wire"),
    dict(id="coin-en", title="Central bank issues gold coin", lang="en", date="2001-02-03",
         body="The German central bank will issue a gold coin worth 100 euros. Collectors "
              "expect the coins to sell out within days.", source="wire"),
]


@pytest.fixture()
def index_path(tmp_path):
    path = tmp_path / "news.db"
    with archivar.Index(path) as index:
        for article in ARTICLES:
            assert index.add(article) is False
        assert len(index) == len(ARTICLES)
    return path


def test_version():
    major, minor, patch = archivar.version().split(".")
    assert major.isdigit() and minor.isdigit() and patch.isdigit()


def test_german_query_finds_german_articles_with_snippets(index_path):
    searcher = archivar.Searcher(index_path)
    results = searcher.search("Münzen", snippet_length=80, highlight="html")
    assert {hit.id for hit in results.hits} == {"gold-1", "gold-2"}
    assert results.total == 2
    top = results.hits[0]
    assert isinstance(top, archivar.Hit)
    assert top.rank == 1 and top.score > 0
    assert "<mark>Münze" in top.snippet
    gold = next(hit for hit in results.hits if hit.id == "gold-1")
    assert gold.url == "https://example.org/gold-1"
    assert gold.date == "2000-12-27"
    assert gold.title == "Bundesbank gibt Goldmünze heraus"
    assert "<mark>" in gold.title_highlighted
    assert gold.title_highlighted.replace("<mark>", "").replace("</mark>", "") == gold.title


def test_language_is_detected_and_filters_and_facets_work(index_path):
    searcher = archivar.Searcher(index_path)
    results = searcher.search("Dresden", facets=["lang", "source"])
    assert [hit.id for hit in results.hits] != []
    langs = {f.name: f for f in results.facets}["lang"]
    assert {v.value: v.count for v in langs.values} == {"de": 1, "en": 1}
    english = searcher.search("Dresden", lang="en")
    assert [hit.id for hit in english.hits] == ["flood-en"]
    wire = searcher.search("", filters=["source:wire"], sort="oldest")
    assert [hit.id for hit in wire.hits] == ["coin-en", "flood-en"]
    detected = searcher.search("Sammler", lang="de")
    assert [hit.id for hit in detected.hits] == ["gold-2"]  # no lang given: detected as German
    threaded = archivar.Searcher(index_path, facet_thread=True, snippet_thread=True)
    beside = threaded.search("Dresden", facets=["lang", "source"])
    assert [(f.name, [(v.value, v.count) for v in f.values]) for f in beside.facets] == [
        (f.name, [(v.value, v.count) for v in f.values]) for f in results.facets]
    shared = threaded.search("Dresden", snippet_length=120)
    alone = searcher.search("Dresden", snippet_length=120)
    assert [(h.id, h.snippet, h.title_highlighted) for h in shared.hits] == [
        (h.id, h.snippet, h.title_highlighted) for h in alone.hits]
    assert len(shared.hits) > 1 and all("Dresden" in h.snippet for h in shared.hits)
    from_disk = archivar.Searcher(index_path, display_from_disk=True)
    read = from_disk.search("Dresden", snippet_length=120)
    assert [(h.id, h.title, h.url, h.date, h.snippet) for h in read.hits] == [
        (h.id, h.title, h.url, h.date, h.snippet) for h in alone.hits]


def test_query_lang_prefers_articles_in_the_query_language(index_path):
    searcher = archivar.Searcher(index_path)
    scores = {lang: {h.id: h.score for h in searcher.search("Dresden", query_lang=lang).hits}
              for lang in ("de", "en")}
    assert set(scores["de"]) == set(scores["en"]) == {"flood-de", "flood-en"}
    assert scores["en"]["flood-en"] > scores["de"]["flood-en"]
    assert scores["de"]["flood-de"] > scores["en"]["flood-de"]
    related = searcher.related("flood-de", query_lang="en")
    assert related is not None


def test_english_stemming_match_all_and_dates(index_path):
    searcher = archivar.Searcher(index_path)
    assert [h.id for h in searcher.search("coins collector", match_all=True).hits] == ["coin-en"]
    assert [h.id for h in searcher.search("", date_from="2002-01-01", sort="newest").hits] == [
        "flood-en", "flood-de"]
    page2 = searcher.search("", size=2, page=2)
    assert [h.rank for h in page2.hits] == [3, 4]


def test_replace_delete_and_reopen(index_path):
    searcher = archivar.Searcher(index_path)
    with archivar.Index(index_path) as index:
        assert index.add(id="gold-2", title="Sammler", body="Neue Münzen", lang="de") is True
        assert index.delete("flood-de") is True
        assert index.delete("flood-de") is False
    assert len(searcher.search("Hochwasser").hits) == 1  # old snapshot until reopen
    searcher.reopen()
    assert searcher.search("Hochwasser").hits == []
    words = searcher.warm_up()  # the new revision's "did you mean" index
    assert words > 5
    assert searcher.warm_up() == words


def test_compact_keeps_the_articles_and_open_searchers_follow(index_path):
    searcher = archivar.Searcher(index_path)
    with archivar.Index(index_path) as index:
        with pytest.raises(archivar.DatabaseError, match="locked"):
            archivar.compact(index_path)
        index.add(id="gold-2", title="Sammler", body="Neue Münzen", lang="de")
    before, after = archivar.compact(index_path)
    assert 0 < after <= before
    with pytest.raises(archivar.InvalidArgumentError):
        archivar.compact(index_path, block_size=1000)
    searcher.reopen()
    assert [hit.id for hit in searcher.search("Sammler").hits] == ["gold-2"]


def test_related(index_path):
    searcher = archivar.Searcher(index_path)
    related = searcher.related("gold-1", size=3)
    assert related is not None and related.hits
    assert "gold-1" not in [hit.id for hit in related.hits]
    assert searcher.related("no-such-id") is None


def test_suggest(index_path):
    searcher = archivar.Searcher(index_path)
    found = searcher.suggest("Münzs", limit=3)
    assert found and found[0].kind == "term" and found[0].text.startswith("münzs")
    assert any(s.kind == "title" and s.text == "Münzsammler stürmen die Ausgabestellen"
               for s in found)
    with pytest.raises(archivar.InvalidArgumentError):
        searcher.suggest("x", limit=0)


def test_errors_are_python_exceptions(index_path, tmp_path):
    with pytest.raises(archivar.InvalidArgumentError):
        archivar.Index(tmp_path / "x.db").add(title="no id")
    with pytest.raises(ValueError, match="date"):
        archivar.Index(tmp_path / "y.db").add(id="a", date="27.12.2000")
    searcher = archivar.Searcher(index_path)
    with pytest.raises(archivar.InvalidArgumentError):
        searcher.search("x", page=0)
    with pytest.raises(archivar.InvalidArgumentError, match="colour"):
        searcher.search("x", facets=["colour"])
    with pytest.raises(archivar.InvalidArgumentError):
        searcher.search("x", sort="sideways")
    with pytest.raises(archivar.DatabaseError, match="does-not-exist"):
        archivar.Searcher(tmp_path / "does-not-exist")
    writer = archivar.Index(index_path)
    with pytest.raises(archivar.DatabaseError, match=str(index_path)):
        archivar.Index(index_path)  # one writer per index
    writer.close()


def test_incompatible_schema_version_is_a_clear_error():
    foreign = os.environ["ARCHIVAR_FOREIGN_INDEX"]
    with pytest.raises(archivar.DatabaseError, match="schema version 999"):
        archivar.Searcher(foreign)
    with pytest.raises(archivar.DatabaseError, match="schema version 999"):
        archivar.Index(foreign)


def test_searches_run_in_threads_without_the_gil(index_path):
    # One Searcher per thread, as documented; ctypes releases the GIL in calls.
    errors = []

    def work():
        try:
            searcher = archivar.Searcher(index_path)
            for _ in range(50):
                assert len(searcher.search("Bundesbank Münzen").hits) == 2
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


WIRE = ("Heavy rain caused the river Elbe to burst its banks near Dresden on Sunday, forcing "
        "thousands of residents to leave their homes while volunteers filled sandbags along "
        "the old town embankment and the fire brigade pumped water out of flooded {} "
        "throughout the night.")


def test_collapsing_spelling_and_ranking_options(tmp_path):
    path = tmp_path / "wire.db"
    with archivar.Index(path) as index:
        index.add(dict(id="wire-1", title="Elbe floods Dresden", lang="en", date="2002-08-18",
                       body=WIRE.format("cellars"), source="wire"))
        index.add(dict(id="wire-2", title="Elbe floods Dresden", lang="en", date="2002-08-18",
                       body=WIRE.format("basements"), source="paper"))
        index.add(dict(id="markets", title="Markets calm", lang="en", date="2002-08-19",
                       body="Stock markets in Frankfurt closed calm on Sunday.", source="wire"))
    with archivar.Searcher(path) as searcher:
        collapsed = searcher.search("sandbags Dresden")
        assert [hit.copies for hit in collapsed.hits] == [2]
        every = searcher.search("sandbags Dresden", collapse=False, feedback=False)
        assert sorted(hit.id for hit in every.hits) == ["wire-1", "wire-2"]
        assert [hit.copies for hit in every.hits] == [1, 1]
        assert {hit.id: hit.source for hit in every.hits} == {"wire-1": "wire", "wire-2": "paper"}

        typo = searcher.search("sandbgas")
        assert typo.hits == [] and typo.did_you_mean == "sandbags" and not typo.corrected
        fixed = searcher.search("sandbgas", auto_correct=True)
        assert fixed.corrected and len(fixed.hits) == 1 and fixed.hits[0].copies == 2
        assert searcher.search("sandbgas", suggest_spelling=False).did_you_mean == ""

        titled = searcher.search("calm").hits[0].score
        assert searcher.search("calm", title_weight=0).hits[0].score < titled
        with pytest.raises(archivar.InvalidArgumentError):
            searcher.search("calm", title_weight=-1)

        recent = searcher.search("Sunday", sort="relevance_recency", recency_half_life_days=1,
                                 recency_weight=100, recency_reference="2002-08-19")
        assert recent.hits[0].id == "markets"
