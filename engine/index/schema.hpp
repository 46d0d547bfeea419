// The index schema: term prefixes and value slots (Xapian conventions, see
// DESIGN.md). Changing any of these changes the on-disk format: bump
// kSchemaVersion.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string_view>

namespace archivar::schema {

// 2: facet value slots 1-6, ZS title stems, U url terms; 3: near-duplicates (XB, XC, slots 7-8);
// 4: display fields in slot 9, the body alone in the document data (index/stored_fields.hpp).
inline constexpr std::uint32_t kSchemaVersion = 4;
// Oldest schema a Searcher still reads (3: all stored fields in the document
// data; slower result pages, same results). Writers need kSchemaVersion.
inline constexpr std::uint32_t kOldestReadableSchemaVersion = 3;
inline constexpr std::string_view kSchemaVersionKey = "archivar.schema";  // Xapian metadata key
// AnalysisOptions the index was created with (AnalysisOptions::encode()).
inline constexpr std::string_view kAnalysisKey = "archivar.analysis";

// Boolean (filter) terms.
inline constexpr std::string_view kId = "Q";        // Q<id>: unique article id
inline constexpr std::string_view kLanguage = "L";  // L<de|en|...>
inline constexpr std::string_view kAuthor = "A";    // A<normalized author>
inline constexpr std::string_view kTag = "K";       // K<normalized tag>
inline constexpr std::string_view kSource = "H";    // H<normalized source>
inline constexpr std::string_view kDay = "D";       // D<YYYYMMDD>
inline constexpr std::string_view kMonth = "M";     // M<YYYYMM>
inline constexpr std::string_view kYear = "Y";      // Y<YYYY>
inline constexpr std::string_view kUrl = "U";       // U<url>, hashed when long (index/terms.hpp)
// Near-duplicates (index/near_duplicates.hpp).
inline constexpr std::string_view kSimHashBand = "XB";  // XB<block 0-3><4 hex digits>
inline constexpr std::string_view kCluster = "XC";      // XC<cluster key>

// Probabilistic (ranked) terms. Unprefixed terms are the unstemmed,
// normalized words with positions (phrases, exact matches).
inline constexpr std::string_view kStem = "Z";        // Z<stem>: stemmed words, no positions
inline constexpr std::string_view kTitle = "S";       // S<word>: title words, with positions
inline constexpr std::string_view kTitleStem = "ZS";  // ZS<stem>: title stems, wdf 0 (title:)

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;  // "YYYYMMDD", sorts and ranges as a string
// Facet slots (read by match spies). Values are normalized like the matching
// boolean term's suffix (month: "YYYY-MM" for M<YYYYMM>), so a facet value is
// a valid filter value.
inline constexpr Xapian::valueno kLanguageSlot = 1;  // "de"
inline constexpr Xapian::valueno kYearSlot = 2;      // "YYYY"
inline constexpr Xapian::valueno kMonthSlot = 3;     // "YYYY-MM"
inline constexpr Xapian::valueno kSourceSlot = 4;    // normalized source
inline constexpr Xapian::valueno kTagsSlot = 5;      // every normalized tag: index/value_list.hpp
inline constexpr Xapian::valueno kAuthorSlot = 6;    // normalized author
// Near-duplicates: the body's SimHash and the cluster key (both 16 hex
// digits); the collapse key of search results. Empty for bodies too short.
inline constexpr Xapian::valueno kSimHashSlot = 7;
inline constexpr Xapian::valueno kClusterSlot = 8;
// The display record of the stored fields (index/stored_fields.hpp): what a
// result page shows, uncompressed, so a hit never inflates its body.
inline constexpr Xapian::valueno kDisplaySlot = 9;

// Positions: title words start at 1, body words kBodyPositionGap after the
// last title word, so that no phrase spans title and body.
inline constexpr std::uint32_t kBodyPositionGap = 100;

// Longest id accepted (Xapian terms are limited to 245 bytes, prefix included).
inline constexpr std::size_t kMaxIdBytes = 200;

// Longest url indexed verbatim as U<url>; longer ones are hashed (index/terms.hpp).
inline constexpr std::size_t kMaxUrlBytes = 200;

}  // namespace archivar::schema
