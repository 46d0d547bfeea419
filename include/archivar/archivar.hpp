// Umbrella header: everything a program needs to index and search.
#pragma once

#include "archivar/analyzer.hpp"
#include "archivar/article.hpp"
#include "archivar/article_reader.hpp"
#include "archivar/bulk_indexer.hpp"
#include "archivar/cleaning.hpp"
#include "archivar/errors.hpp"
#include "archivar/evaluation.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "archivar/shards.hpp"
#include "archivar/version.hpp"
