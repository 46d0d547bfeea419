"""ctypes declarations of the archivar C API (include/archivar/archivar.h).

The shared library is found, in this order, at $ARCHIVAR_LIBRARY, next to an
installed package (PREFIX/lib*/libarchivar.so.N for this file at
PREFIX/lib/python3/dist-packages/archivar/), then by the system loader.
"""

import ctypes
import ctypes.util
import os
import sysconfig
from pathlib import Path

SOVERSION = 0  # must match the library's SOVERSION (CMake PROJECT_VERSION_MAJOR)


class Hit(ctypes.Structure):
    _fields_ = [
        ("id", ctypes.c_char_p),
        ("title", ctypes.c_char_p),
        ("date", ctypes.c_char_p),
        ("lang", ctypes.c_char_p),
        ("url", ctypes.c_char_p),
        ("snippet", ctypes.c_char_p),
        ("score", ctypes.c_double),
        ("rank", ctypes.c_uint32),
        ("title_highlighted", ctypes.c_char_p),
        ("copies", ctypes.c_uint32),
        ("source", ctypes.c_char_p),
    ]


class FacetValue(ctypes.Structure):
    _fields_ = [("value", ctypes.c_char_p), ("count", ctypes.c_uint64)]


class Facet(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("values", ctypes.POINTER(FacetValue)),
        ("value_count", ctypes.c_size_t),
        ("distinct", ctypes.c_uint64),
    ]


class Suggestion(ctypes.Structure):
    _fields_ = [
        ("text", ctypes.c_char_p),
        ("kind", ctypes.c_int),
        ("score", ctypes.c_double),
    ]


class Article(ctypes.Structure):
    _fields_ = [
        ("id", ctypes.c_char_p),
        ("title", ctypes.c_char_p),
        ("body", ctypes.c_char_p),
        ("url", ctypes.c_char_p),
        ("date", ctypes.c_char_p),
        ("lang", ctypes.c_char_p),
        ("author", ctypes.c_char_p),
        ("source", ctypes.c_char_p),
        ("tags", ctypes.POINTER(ctypes.c_char_p)),
        ("tag_count", ctypes.c_size_t),
    ]


def _candidates():
    env = os.environ.get("ARCHIVAR_LIBRARY")
    if env:
        yield env
        return
    name = f"libarchivar.so.{SOVERSION}"
    prefix = Path(__file__).resolve().parents[4]
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    for libdir in ("lib", "lib64", f"lib/{multiarch}"):
        path = prefix / libdir / name
        if path.exists():
            yield str(path)
    yield name
    found = ctypes.util.find_library("archivar")
    if found:
        yield found


def _load():
    errors = []
    for candidate in _candidates():
        try:
            return ctypes.CDLL(candidate)
        except OSError as error:
            errors.append(f"{candidate}: {error}")
    raise ImportError("archivar: cannot load the shared library (set ARCHIVAR_LIBRARY): "
                      + "; ".join(errors))


lib = _load()

_status = ctypes.c_int
_p = ctypes.c_void_p
_s = ctypes.c_char_p
_u32 = ctypes.c_uint32

_signatures = {
    "archivar_version": (_s, []),
    "archivar_last_error": (_s, []),
    "archivar_status_name": (_s, [_status]),
    "archivar_index_open": (_status, [_s, ctypes.c_uint, _u32, ctypes.POINTER(_p)]),
    "archivar_index_close": (None, [_p]),
    "archivar_index_add": (_status, [_p, ctypes.POINTER(Article), ctypes.POINTER(ctypes.c_int)]),
    "archivar_index_delete": (_status, [_p, _s, ctypes.POINTER(ctypes.c_int)]),
    "archivar_index_commit": (_status, [_p]),
    "archivar_index_size": (_status, [_p, ctypes.POINTER(ctypes.c_uint64)]),
    "archivar_request_new": (_p, []),
    "archivar_request_free": (None, [_p]),
    "archivar_request_set_query": (_status, [_p, _s]),
    "archivar_request_set_lang": (_status, [_p, _s]),
    "archivar_request_set_query_lang": (_status, [_p, _s]),
    "archivar_request_set_dates": (_status, [_p, _s, _s]),
    "archivar_request_set_page": (_status, [_p, _u32, _u32]),
    "archivar_request_set_match_all": (_status, [_p, ctypes.c_int]),
    "archivar_request_set_sort": (_status, [_p, ctypes.c_int]),
    "archivar_request_set_snippet": (_status, [_p, _u32, ctypes.c_int]),
    "archivar_request_add_facet": (_status, [_p, _s]),
    "archivar_request_set_facet_size": (_status, [_p, _u32]),
    "archivar_request_add_filter": (_status, [_p, _s]),
    "archivar_request_set_collapse": (_status, [_p, ctypes.c_int]),
    "archivar_request_set_feedback": (_status, [_p, ctypes.c_int]),
    "archivar_request_set_spelling": (_status, [_p, ctypes.c_int, ctypes.c_int]),
    "archivar_request_set_weights": (_status, [_p, ctypes.c_double, ctypes.c_double]),
    "archivar_request_set_recency": (_status, [_p, ctypes.c_double, ctypes.c_double, _s]),
    "archivar_compact": (_status, [_s, _u32, ctypes.POINTER(ctypes.c_uint64),
                                   ctypes.POINTER(ctypes.c_uint64)]),
    "archivar_searcher_open": (_status, [_s, ctypes.POINTER(_p)]),
    "archivar_searcher_open_flags": (_status, [_s, ctypes.c_uint, ctypes.POINTER(_p)]),
    "archivar_searcher_close": (None, [_p]),
    "archivar_searcher_reopen": (_status, [_p]),
    "archivar_searcher_warm_up": (_status, [_p, ctypes.POINTER(ctypes.c_uint64)]),
    "archivar_search": (_status, [_p, _p, ctypes.POINTER(_p)]),
    "archivar_related": (_status, [_p, _s, _p, _u32, ctypes.POINTER(_p)]),
    "archivar_suggest": (_status, [_p, _s, _u32, ctypes.POINTER(_p)]),
    "archivar_suggestions_count": (ctypes.c_size_t, [_p]),
    "archivar_suggestions_get": (ctypes.POINTER(Suggestion), [_p, ctypes.c_size_t]),
    "archivar_suggestions_free": (None, [_p]),
    "archivar_results_free": (None, [_p]),
    "archivar_results_total": (ctypes.c_uint64, [_p, ctypes.POINTER(ctypes.c_uint64),
                                                 ctypes.POINTER(ctypes.c_uint64)]),
    "archivar_results_hit_count": (ctypes.c_size_t, [_p]),
    "archivar_results_hit": (ctypes.POINTER(Hit), [_p, ctypes.c_size_t]),
    "archivar_results_did_you_mean": (_s, [_p, ctypes.POINTER(ctypes.c_int)]),
    "archivar_results_facet_count": (ctypes.c_size_t, [_p]),
    "archivar_results_facet": (ctypes.POINTER(Facet), [_p, ctypes.c_size_t]),
}
for _name, (_restype, _argtypes) in _signatures.items():
    _function = getattr(lib, _name)
    _function.restype = _restype
    _function.argtypes = _argtypes

# Status codes (archivar_status).
OK = 0
ERR_INVALID_ARGUMENT = 1
ERR_DATABASE = 2
ERR_INPUT = 3
ERR_NOT_FOUND = 4
ERR_NO_MEMORY = 5
ERR_INTERNAL = 6

OPEN_CREATE = 1
OPEN_NO_CLEAN = 2
OPEN_NO_FOLD = 4
OPEN_NO_DECOMPOUND = 8

SORT = {"relevance": 0, "newest": 1, "oldest": 2, "relevance_recency": 3}
HIGHLIGHT = {"plain": 0, "ansi": 1, "html": 2, "none": 3}
