#include "serve/article_json.hpp"

namespace archivar::serve {

namespace {

std::string string_field(const nlohmann::json& record, const char* name) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) return {};
  if (!it->is_string()) throw RecordError(name, std::string(name) + " must be a string");
  return it->get<std::string>();
}

}  // namespace

Article article_from_json(std::string_view text) {
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    throw RecordError("", "not a JSON object");
  }
  if (!record.is_object()) throw RecordError("", "not a JSON object");
  Article article;
  const auto id = record.find("id");
  if (id != record.end() && id->is_string()) {
    article.id = id->get<std::string>();
  } else if (id != record.end() && id->is_number_integer()) {
    article.id = id->dump();
  } else if (id != record.end() && !id->is_null()) {
    throw RecordError("id", "id must be a string or an integer");
  }
  article.title = string_field(record, "title");
  article.body = string_field(record, "body");
  article.url = string_field(record, "url");
  article.date = string_field(record, "date");
  if (article.date.size() > 10 && article.date[10] == 'T') article.date.resize(10);
  article.lang = string_field(record, "lang");
  article.author = string_field(record, "author");
  article.source = string_field(record, "source");
  const auto tags = record.find("tags");
  if (tags != record.end() && tags->is_string()) {
    article.tags.push_back(tags->get<std::string>());
  } else if (tags != record.end() && tags->is_array()) {
    for (const auto& tag : *tags) {
      if (!tag.is_string()) throw RecordError("tags", "tags must be strings");
      article.tags.push_back(tag.get<std::string>());
    }
  } else if (tags != record.end() && !tags->is_null()) {
    throw RecordError("tags", "tags must be an array of strings or a string");
  }
  return article;
}

}  // namespace archivar::serve
