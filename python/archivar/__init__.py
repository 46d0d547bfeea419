"""archivar: full-text search for German and English article archives.

A ctypes binding over archivar's C API (libarchivar.so): pure Python, one
ABI surface shared with every other language, and ctypes releases the GIL
during each library call, so searches in other threads run in parallel.

    import archivar
    with archivar.Index("news.db") as index:
        index.add(id="gold-1", title="Bundesbank gibt Goldmünze heraus",
                  body="Die Deutsche Bundesbank ...", date="2000-12-27")
    searcher = archivar.Searcher("news.db")
    for hit in searcher.search("Münzen", lang="de", snippet_length=160).hits:
        print(hit.rank, hit.id, hit.title, hit.score)

Errors: archivar.InvalidArgumentError (misuse; also a ValueError) and
archivar.DatabaseError / archivar.InputError (bad index or file; also
OSError), all archivar.Error. Thread-safety: one Searcher per thread for
parallel searches; a Searcher shared between threads serializes its calls.
"""

import ctypes
import threading
from dataclasses import dataclass, field
from typing import Iterable, List, Optional

from . import _capi

__all__ = ["Index", "Searcher", "Suggestion", "Hit", "Facet", "FacetValue", "Results", "Error",
           "InvalidArgumentError", "DatabaseError", "InputError", "compact", "version"]


class Error(Exception):
    """Any error reported by archivar; .status is the C status code."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class InvalidArgumentError(Error, ValueError):
    """The program misused the API (empty id, bad date, page 0, ...)."""


class DatabaseError(Error, OSError):
    """The index is missing, locked, corrupt or written by an incompatible version."""


class InputError(Error, OSError):
    """An input file cannot be read."""


_ERRORS = {_capi.ERR_INVALID_ARGUMENT: InvalidArgumentError,
           _capi.ERR_DATABASE: DatabaseError, _capi.ERR_INPUT: InputError}


def _check(status: int) -> None:
    if status != _capi.OK:
        message = _capi.lib.archivar_last_error().decode("utf-8", "replace")
        if status == _capi.ERR_NO_MEMORY:
            raise MemoryError(message)
        raise _ERRORS.get(status, Error)(message, status)


def _b(text: Optional[str]) -> Optional[bytes]:
    return None if text is None else str(text).encode("utf-8")


def _s(raw: Optional[bytes]) -> str:
    return "" if raw is None else raw.decode("utf-8", "replace")


def version() -> str:
    """The linked library's version, "MAJOR.MINOR.PATCH"."""
    return _s(_capi.lib.archivar_version())


def compact(path, block_size: int = 0) -> tuple:
    """Compacts the index at `path` in place (no Index may be open on it);
    returns (bytes before, bytes after). Open Searchers move to the compacted
    index at reopen(). block_size 0: the default of new indexes (32768)."""
    before, after = ctypes.c_uint64(), ctypes.c_uint64()
    _check(_capi.lib.archivar_compact(_b(str(path)), _u32(block_size), ctypes.byref(before),
                                      ctypes.byref(after)))
    return before.value, after.value


@dataclass
class Suggestion:
    text: str
    kind: str  # "term" or "title"
    score: float


@dataclass
class Hit:
    id: str
    title: str
    date: str      # "YYYY-MM-DD" or ""
    lang: str
    url: str
    score: float   # BM25, comparable within one result list
    rank: int      # 1-based position in the full ranking
    snippet: str   # "" unless snippet_length was given
    title_highlighted: str = ""  # the title marked like the snippet; "" without snippets
    copies: int = 1  # matching articles of its near-duplicate group, itself included
    source: str = ""  # the article's site or feed as it gives it; "" if none


@dataclass
class FacetValue:
    value: str
    count: int


@dataclass
class Facet:
    name: str
    values: List[FacetValue]
    distinct: int


@dataclass
class Results:
    total: int        # estimated matches
    total_lower: int
    total_upper: int
    hits: List[Hit] = field(default_factory=list)
    facets: List[Facet] = field(default_factory=list)
    did_you_mean: str = ""  # corrected query, "" if every word is known
    corrected: bool = False  # the hits are for did_you_mean (auto_correct)


class Index:
    """The writer of an index (one per index path at a time).

    Changes become visible to searchers at commit(), every `commit_every`
    changes, and on close() (also at the end of a `with` block)."""

    def __init__(self, path, *, create: bool = True, commit_every: int = 10000,
                 clean: bool = True, fold_spellings: bool = True,
                 decompound_german: bool = True):
        flags = ((_capi.OPEN_CREATE if create else 0) | (0 if clean else _capi.OPEN_NO_CLEAN)
                 | (0 if fold_spellings else _capi.OPEN_NO_FOLD)
                 | (0 if decompound_german else _capi.OPEN_NO_DECOMPOUND))
        handle = ctypes.c_void_p()
        _check(_capi.lib.archivar_index_open(_b(str(path)), flags, commit_every,
                                             ctypes.byref(handle)))
        self._handle = handle

    def add(self, article: Optional[dict] = None, /, **fields) -> bool:
        """Adds or replaces an article given as a dict and/or keywords (id,
        title, body, url, date, lang, author, source, tags). Returns True if
        an article with this id was replaced."""
        values = dict(article or {}, **fields)
        unknown = set(values) - {"id", "title", "body", "url", "date", "lang", "author",
                                 "source", "tags"}
        if unknown:
            raise InvalidArgumentError(f"Index.add: unknown fields {sorted(unknown)}",
                                       _capi.ERR_INVALID_ARGUMENT)
        tags = [_b(tag) for tag in values.get("tags") or []]
        tag_array = (ctypes.c_char_p * len(tags))(*tags)
        c_article = _capi.Article(
            *(_b(values.get(name)) for name in
              ("id", "title", "body", "url", "date", "lang", "author", "source")),
            ctypes.cast(tag_array, ctypes.POINTER(ctypes.c_char_p)), len(tags))
        replaced = ctypes.c_int()
        _check(_capi.lib.archivar_index_add(self._live(), ctypes.byref(c_article),
                                            ctypes.byref(replaced)))
        return bool(replaced.value)

    def delete(self, id: str) -> bool:
        """Deletes the article; False if there was none."""
        deleted = ctypes.c_int()
        _check(_capi.lib.archivar_index_delete(self._live(), _b(id), ctypes.byref(deleted)))
        return bool(deleted.value)

    def commit(self) -> None:
        _check(_capi.lib.archivar_index_commit(self._live()))

    def __len__(self) -> int:
        size = ctypes.c_uint64()
        _check(_capi.lib.archivar_index_size(self._live(), ctypes.byref(size)))
        return size.value

    def close(self) -> None:
        """Commits and releases the index (the write lock)."""
        if getattr(self, "_handle", None):
            self.commit()
            _capi.lib.archivar_index_close(self._handle)
            self._handle = None

    def _live(self):
        if not self._handle:
            raise InvalidArgumentError("archivar.Index is closed", _capi.ERR_INVALID_ARGUMENT)
        return self._handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None):
            _capi.lib.archivar_index_close(self._handle)
            self._handle = None


class Searcher:
    """A read-only view of an index as of opening (or reopen())."""

    def __init__(self, path, *, facet_thread: bool = False, snippet_thread: bool = False,
                 display_from_disk: bool = False):
        """facet_thread: count facets on a thread of the searcher's own beside
        the ranked match (sooner while a core is idle; the same counts).
        snippet_thread: build half of a page's snippets on that thread (the
        same snippets). display_from_disk: read hits' titles, urls, dates...
        from the index on every page instead of holding them in memory
        (~115 bytes per article)."""
        handle = ctypes.c_void_p()
        flags = ((1 if facet_thread else 0) | (2 if snippet_thread else 0)
                 | (4 if display_from_disk else 0))  # ARCHIVAR_SEARCHER_*
        _check(_capi.lib.archivar_searcher_open_flags(_b(str(path)), flags,
                                                       ctypes.byref(handle)))
        self._handle = handle
        self._lock = threading.Lock()

    def search(self, query: str = "", *, lang: str = "", date_from: str = "",
               date_to: str = "", page: int = 1, size: int = 10, match_all: bool = False,
               sort: str = "relevance", snippet_length: int = 0, highlight: str = "plain",
               facets: Iterable[str] = (), facet_size: int = 10,
               filters: Iterable[str] = (), query_lang: str = "", collapse: bool = True,
               feedback: bool = True, suggest_spelling: bool = True,
               auto_correct: bool = False, title_weight: float = 0.25,
               query_lang_weight: float = 0.1, recency_half_life_days: float = 365.0,
               recency_weight: float = 0.5, recency_reference: str = "") -> Results:
        """Ranked hits; the options mean what SearchRequest's fields mean
        (include/archivar/searcher.hpp; collapse = collapse_duplicates,
        feedback = feedback_expansion). The GIL is released while it runs."""
        request = self._request(query, lang, date_from, date_to, page, size, match_all, sort,
                                snippet_length, highlight, facets, facet_size, filters,
                                query_lang, collapse, feedback, suggest_spelling, auto_correct,
                                title_weight, query_lang_weight, recency_half_life_days,
                                recency_weight, recency_reference)
        return self._run(request, lambda out: _capi.lib.archivar_search(
            self._live(), request.handle, ctypes.byref(out)))

    def related(self, id: str, *, expand_terms: int = 20, query: str = "",
                **options) -> Optional[Results]:
        """Articles most like the one with `id`; None if there is no such
        article. Takes the same keyword options as search()."""
        request = self._request(query, **_with_defaults(options))
        try:
            return self._run(request, lambda out: _capi.lib.archivar_related(
                self._live(), _b(id), request.handle, expand_terms, ctypes.byref(out)))
        except Error as error:
            if error.status == _capi.ERR_NOT_FOUND:
                return None
            raise

    def suggest(self, prefix: str, limit: int = 10) -> List["Suggestion"]:
        """Search-box completions of `prefix`: frequent index words completing
        its last word (kind "term"), then article titles (kind "title")."""
        out = ctypes.c_void_p()
        with self._lock:
            _check(_capi.lib.archivar_suggest(self._live(), _b(prefix), limit, ctypes.byref(out)))
        try:
            found = []
            for i in range(_capi.lib.archivar_suggestions_count(out)):
                item = _capi.lib.archivar_suggestions_get(out, i).contents
                found.append(Suggestion(text=_s(item.text),
                                        kind="title" if item.kind == 1 else "term",
                                        score=item.score))
            return found
        finally:
            _capi.lib.archivar_suggestions_free(out)

    def reopen(self) -> None:
        with self._lock:
            _check(_capi.lib.archivar_searcher_reopen(self._live()))

    def warm_up(self) -> int:
        """Builds the current revision's facet columns and "did you mean"
        index now (Searcher::warm_up); returns the index's word count."""
        words = ctypes.c_uint64(0)
        with self._lock:
            _check(_capi.lib.archivar_searcher_warm_up(self._live(), ctypes.byref(words)))
        return words.value

    def close(self) -> None:
        with self._lock:
            if self._handle:
                _capi.lib.archivar_searcher_close(self._handle)
                self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None):
            _capi.lib.archivar_searcher_close(self._handle)
            self._handle = None

    def _live(self):
        if not self._handle:
            raise InvalidArgumentError("archivar.Searcher is closed", _capi.ERR_INVALID_ARGUMENT)
        return self._handle

    @staticmethod
    def _request(query, lang, date_from, date_to, page, size, match_all, sort, snippet_length,
                 highlight, facets, facet_size, filters, query_lang="", collapse=True,
                 feedback=True, suggest_spelling=True, auto_correct=False, title_weight=0.25,
                 query_lang_weight=0.1, recency_half_life_days=365.0, recency_weight=0.5,
                 recency_reference=""):
        if sort not in _capi.SORT:
            raise InvalidArgumentError(f"sort must be one of {sorted(_capi.SORT)}",
                                       _capi.ERR_INVALID_ARGUMENT)
        if highlight not in _capi.HIGHLIGHT:
            raise InvalidArgumentError(f"highlight must be one of {sorted(_capi.HIGHLIGHT)}",
                                       _capi.ERR_INVALID_ARGUMENT)
        request = _Request()
        lib, h = _capi.lib, request.handle
        _check(lib.archivar_request_set_query(h, _b(query)))
        _check(lib.archivar_request_set_lang(h, _b(lang)))
        _check(lib.archivar_request_set_query_lang(h, _b(query_lang)))
        _check(lib.archivar_request_set_dates(h, _b(date_from), _b(date_to)))
        _check(lib.archivar_request_set_page(h, _u32(page), _u32(size)))
        _check(lib.archivar_request_set_match_all(h, 1 if match_all else 0))
        _check(lib.archivar_request_set_sort(h, _capi.SORT[sort]))
        _check(lib.archivar_request_set_snippet(h, _u32(snippet_length),
                                                _capi.HIGHLIGHT[highlight]))
        for name in facets:
            _check(lib.archivar_request_add_facet(h, _b(name)))
        _check(lib.archivar_request_set_facet_size(h, _u32(facet_size)))
        for value in filters:
            _check(lib.archivar_request_add_filter(h, _b(value)))
        _check(lib.archivar_request_set_collapse(h, 1 if collapse else 0))
        _check(lib.archivar_request_set_feedback(h, 1 if feedback else 0))
        _check(lib.archivar_request_set_spelling(h, 1 if suggest_spelling else 0,
                                                 1 if auto_correct else 0))
        _check(lib.archivar_request_set_weights(h, float(title_weight),
                                                float(query_lang_weight)))
        _check(lib.archivar_request_set_recency(h, float(recency_half_life_days),
                                                float(recency_weight), _b(recency_reference)))
        return request

    def _run(self, request, call) -> Results:
        out = ctypes.c_void_p()
        with self._lock:
            _check(call(out))
        try:
            return _convert(out)
        finally:
            _capi.lib.archivar_results_free(out)


def _with_defaults(options):
    defaults = dict(lang="", date_from="", date_to="", page=1, size=10, match_all=False,
                    sort="relevance", snippet_length=0, highlight="plain", facets=(),
                    facet_size=10, filters=(), query_lang="", collapse=True, feedback=True,
                    suggest_spelling=True, auto_correct=False, title_weight=0.25,
                    query_lang_weight=0.1, recency_half_life_days=365.0, recency_weight=0.5,
                    recency_reference="")
    unknown = set(options) - set(defaults)
    if unknown:
        raise TypeError(f"related() got unexpected keyword arguments {sorted(unknown)}")
    defaults.update(options)
    return defaults


def _u32(value: int) -> int:
    value = int(value)
    if not 0 <= value <= 0xFFFFFFFF:
        raise InvalidArgumentError(f"{value} is out of range (0..2^32-1)",
                                   _capi.ERR_INVALID_ARGUMENT)
    return value


class _Request:
    def __init__(self):
        self.handle = _capi.lib.archivar_request_new()
        if not self.handle:
            raise MemoryError("archivar_request_new")

    def __del__(self):
        _capi.lib.archivar_request_free(self.handle)


def _convert(out) -> Results:
    lib = _capi.lib
    lower, upper = ctypes.c_uint64(), ctypes.c_uint64()
    total = lib.archivar_results_total(out, ctypes.byref(lower), ctypes.byref(upper))
    corrected = ctypes.c_int()
    did_you_mean = _s(lib.archivar_results_did_you_mean(out, ctypes.byref(corrected)))
    results = Results(total=total, total_lower=lower.value, total_upper=upper.value,
                      did_you_mean=did_you_mean, corrected=bool(corrected.value))
    for i in range(lib.archivar_results_hit_count(out)):
        hit = lib.archivar_results_hit(out, i).contents
        results.hits.append(Hit(id=_s(hit.id), title=_s(hit.title), date=_s(hit.date),
                                lang=_s(hit.lang), url=_s(hit.url), score=hit.score,
                                rank=hit.rank, snippet=_s(hit.snippet),
                                title_highlighted=_s(hit.title_highlighted),
                                copies=hit.copies, source=_s(hit.source)))
    for i in range(lib.archivar_results_facet_count(out)):
        facet = lib.archivar_results_facet(out, i).contents
        values = [FacetValue(_s(facet.values[j].value), facet.values[j].count)
                  for j in range(facet.value_count)]
        results.facets.append(Facet(name=_s(facet.name), values=values, distinct=facet.distinct))
    return results
