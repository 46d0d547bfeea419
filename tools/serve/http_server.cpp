#include "serve/http_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>

#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/shards.hpp"
#include "json_output.hpp"
#include "serve/article_json.hpp"
#include "serve/revision_warmer.hpp"
#include "serve/searcher_pool.hpp"
#include "serve/static_assets.hpp"

namespace archivar::serve {

namespace {

using Clock = std::chrono::steady_clock;

// Start of the request this worker thread is handling (for the access log).
thread_local Clock::time_point request_start;

constexpr const char* kJson = "application/json; charset=utf-8";

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(cli::dump(body), kJson);
}

void send_error(httplib::Response& res, int status, const std::string& message,
                const std::string& parameter = {}) {
  nlohmann::json body = {{"error", message}, {"status", status}};
  if (!parameter.empty()) body["parameter"] = parameter;
  send_json(res, status, body);
}

Params to_params(const httplib::Request& req) {
  Params params;
  for (const auto& [name, value] : req.params) params.emplace(name, value);
  return params;
}

// Compares without an early exit, so response timing does not reveal how
// much of a guessed token was right.
bool constant_time_equal(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff = static_cast<unsigned char>(diff | (a[i] ^ b[i % std::max<std::size_t>(b.size(), 1)]));
  }
  return diff == 0 && !b.empty();
}

}  // namespace

class HttpServer::Impl {
 public:
  explicit Impl(ServerOptions options)
      : options_(std::move(options)), pool_(options_.db, options_.threads, options_.shards) {
    if (options_.warm_up_interval.count() > 0 && !is_shard_set(options_.db)) {
      warmer_.emplace(options_.db, options_.warm_up_interval, options_.shards);
    }
    routes();
  }

  int bind() {
    if (options_.port == 0) {
      port_ = server_.bind_to_any_port(options_.host);
      if (port_ < 0) throw RuntimeError("cannot bind to " + options_.host);
    } else {
      if (!server_.bind_to_port(options_.host, options_.port)) {
        throw RuntimeError("cannot bind to " + options_.host + ":" + std::to_string(options_.port) +
                           " (in use, or not a local address)");
      }
      port_ = options_.port;
    }
    return port_;
  }

  bool run() { return server_.listen_after_bind(); }
  void stop() { server_.stop(); }

 private:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  // Maps every exception a handler lets out to a JSON error; nothing a
  // client sends reaches std::terminate.
  static Handler guarded(Handler handler) {
    return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
      try {
        handler(req, res);
      } catch (const ParamError& error) {
        send_error(res, 400, error.what(), error.parameter());
      } catch (const RecordError& error) {
        send_error(res, 400, error.what(), error.field());
      } catch (const LogicError& error) {
        send_error(res, 400, error.what());
      } catch (const DatabaseError& error) {
        send_error(res, 503, std::string("index unavailable: ") + error.what());
      } catch (const std::exception& error) {
        send_error(res, 500, std::string("internal error: ") + error.what());
      }
    };
  }

  // Threads serving connections for `searchers` concurrent searches.
  static std::size_t connection_threads(std::uint32_t searchers) {
    return std::clamp<std::size_t>(4 * static_cast<std::size_t>(searchers), 16, 1024);
  }

  void routes() {
    // cpp-httplib serves each connection on one pool thread for as long as
    // it is kept alive (up to 2 s idle), so connection threads are more than
    // the --threads searches that may run at once: idle keep-alive
    // connections (browsers keep several) and clients waiting for a
    // Searcher then do not starve the others (with 2 threads, wrk's 8
    // connections saw 2 s timeouts). Searches still run at most --threads
    // at a time (SearcherPool).
    server_.new_task_queue = [threads = connection_threads(options_.threads)] {
      return new httplib::ThreadPool(threads);
    };
    server_.set_payload_max_length(options_.limits.max_body_bytes);
    server_.set_read_timeout(5, 0);
    server_.set_write_timeout(5, 0);
    server_.set_keep_alive_timeout(2);
    server_.set_keep_alive_max_count(100);
    // httplib writes a response's headers and body apart: with Nagle's
    // algorithm the body then waits for the client's delayed ACK, ~40 ms
    // on every request after the first of a kept-alive connection (a
    // browser's, a backend's connection pool). Accepted sockets inherit
    // TCP_NODELAY from the listening one on Linux.
    server_.set_tcp_nodelay(true);
    server_.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                 {"Referrer-Policy", "no-referrer"},
                                 {"Cache-Control", "no-store"}});
    server_.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
      request_start = Clock::now();
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      const double ms =
          std::chrono::duration<double, std::milli>(Clock::now() - request_start).count();
      std::string target = req.target.substr(0, 300);
      for (char& c : target) {  // one line per request: no control bytes from the client
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
      }
      std::fprintf(stderr, "%s %s %s %d %zu %.2fms\n", req.remote_addr.c_str(), req.method.c_str(),
                   target.c_str(), res.status, res.body.size(), ms);
    });
    server_.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          const int status = res.status;
          const char* message = status == 404   ? "no such path"
                                : status == 413 ? "request body too large"
                                : status == 414 ? "request URI too long"
                                                : "bad request";
          send_error(res, status, message);
          return httplib::Server::HandlerResponse::Handled;
        }));
    server_.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          send_error(res, 500, "internal error");
        });

    for (const StaticAsset& asset : static_assets()) {
      server_.Get(std::string(asset.path),
                  [&asset](const httplib::Request&, httplib::Response& res) {
                    res.set_header("Content-Security-Policy",
                                   "default-src 'self'; img-src 'self' data:; base-uri 'none'; "
                                   "form-action 'self'; frame-ancestors 'none'");
                    res.set_content(asset.content.data(), asset.content.size(),
                                    std::string(asset.content_type).c_str());
                  });
    }
    server_.Get("/healthz", guarded([](const httplib::Request&, httplib::Response& res) {
                  send_json(res, 200, {{"status", "ok"}});
                }));
    server_.Get("/stats", guarded([this](const httplib::Request& req, httplib::Response& res) {
                  reject_params(req, {});
                  nlohmann::json stats = cli::to_json(pool_.acquire()->stats());
                  stats.erase("path");  // the server's file system is not the client's business
                  // Revisions whose columns and spelling index the warmer
                  // built (serve/revision_warmer.hpp); absent when off.
                  if (warmer_) stats["warm_up"] = {{"revisions", warmer_->warmed()}};
                  send_json(res, 200, stats);
                }));
    server_.Get("/search", guarded([this](const httplib::Request& req, httplib::Response& res) {
                  search(req, res);
                }));
    server_.Get("/suggest", guarded([this](const httplib::Request& req, httplib::Response& res) {
                  suggest(req, res);
                }));
    // Ids may hold '/' (HTML pages indexed from folders: "de/text/a"), sent
    // as-is or as %2F (cpp-httplib decodes the path before matching), so
    // the id is everything after /articles/; "/related" at the end means the
    // related list (registered first: the first matching route wins).
    server_.Get(R"(/articles/(.+)/related)",
                guarded([this](const httplib::Request& req, httplib::Response& res) {
                  related(req, res);
                }));
    server_.Get(R"(/articles/(.+))",
                guarded([this](const httplib::Request& req, httplib::Response& res) {
                  reject_params(req, {});
                  const std::string id = req.matches[1];
                  const auto article = pool_.acquire()->get(id);
                  if (!article) return send_error(res, 404, "no article with id '" + id + "'");
                  send_json(res, 200, cli::to_json(*article));
                }));
    server_.Put(R"(/articles/(.+))",
                guarded([this](const httplib::Request& req, httplib::Response& res) {
                  put_article(req, res);
                }));
    server_.Delete(R"(/articles/(.+))",
                   guarded([this](const httplib::Request& req, httplib::Response& res) {
                     delete_article(req, res);
                   }));
    server_.Post("/articles", guarded([this](const httplib::Request& req, httplib::Response& res) {
                   post_articles(req, res);
                 }));
  }

  // 400 for any parameter not in `allowed`.
  static void reject_params(const httplib::Request& req, const std::vector<std::string>& allowed) {
    for (const auto& [name, value] : req.params) {
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        throw ParamError(name, "unknown parameter '" + name.substr(0, 40) + "'");
      }
    }
  }

  SearchRequest search_request(const httplib::Request& req, Endpoint endpoint,
                               std::uint32_t& terms) const {
    Params params = to_params(req);
    SearchRequest request;
    request.highlight = Highlight::html;
    parse_search_params(params, options_.limits, endpoint, request, terms);
    return request;
  }

  void search(const httplib::Request& req, httplib::Response& res) {
    std::uint32_t terms = 20;
    const SearchRequest request = search_request(req, Endpoint::search, terms);
    const auto searcher = pool_.acquire();
    const SearchResults results = searcher->search(request);
    send_json(res, 200, cli::to_json(results, request));
  }

  void related(const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    std::uint32_t terms = 20;
    const SearchRequest request = search_request(req, Endpoint::related, terms);
    const auto searcher = pool_.acquire();
    const auto results = searcher->related(id, request, terms);
    if (!results) return send_error(res, 404, "no article with id '" + id + "'");
    nlohmann::json out = cli::to_json(*results, request);
    out["related_to"] = id;
    send_json(res, 200, out);
  }

  // Completions of q for a search box: frequent index words completing its
  // last word, then titles of the best articles for them (Searcher::suggest).
  void suggest(const httplib::Request& req, httplib::Response& res) {
    reject_params(req, {"q", "limit"});
    const std::string q = req.get_param_value("q");
    if (q.size() > options_.limits.max_query_bytes) {
      throw ParamError(
          "q", "q is longer than " + std::to_string(options_.limits.max_query_bytes) + " bytes");
    }
    std::uint32_t limit = 8;
    if (req.has_param("limit")) {
      limit = parse_uint("limit", req.get_param_value("limit"), 1, options_.limits.max_suggestions);
    }
    nlohmann::json suggestions = nlohmann::json::array();
    nlohmann::json detailed = nlohmann::json::array();
    for (const Suggestion& suggestion : pool_.acquire()->suggest(q, limit)) {
      if (suggestions.size() < limit) suggestions.push_back(suggestion.text);
      detailed.push_back({{"text", suggestion.text},
                          {"kind", suggestion.kind == SuggestionKind::title ? "title" : "term"},
                          {"score", suggestion.score}});
    }
    send_json(
        res, 200,
        {{"query", q}, {"suggestions", suggestions}, {"details", detailed}, {"source", "index"}});
  }

  // True if the request may write; otherwise the response says why.
  bool authorized(const httplib::Request& req, httplib::Response& res) const {
    if (options_.token.empty()) {
      send_error(res, 403, "the write API is disabled (start archivar serve with --token)");
      return false;
    }
    if (!constant_time_equal(req.get_header_value("Authorization"), "Bearer " + options_.token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      send_error(res, 401, "missing or wrong bearer token (Authorization: Bearer TOKEN)");
      return false;
    }
    return true;
  }

  // Runs `change` on the index under the write mutex and commits.
  template <typename Change>
  auto write(Change change) {
    const std::lock_guard lock(write_mutex_);
    IndexOptions index_options;
    index_options.create = false;
    index_options.commit_every = 0;
    Index index(options_.db, index_options);
    auto result = change(index);
    index.commit();
    if (warmer_) warmer_->notify();
    return result;
  }

  void put_article(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, res)) return;
    const std::string id = req.matches[1];
    Article article = article_from_json(req.body);
    if (article.id.empty()) article.id = id;
    if (article.id != id) throw RecordError("id", "id in the body differs from the path");
    const AddResult result = write([&](Index& index) { return index.add(article); });
    send_json(res, result == AddResult::added ? 201 : 200,
              {{"id", id}, {"result", result == AddResult::added ? "added" : "replaced"}});
  }

  void delete_article(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, res)) return;
    const std::string id = req.matches[1];
    const bool removed = write([&](Index& index) { return index.remove(id); });
    if (!removed) return send_error(res, 404, "no article with id '" + id + "'");
    send_json(res, 200, {{"id", id}, {"result", "deleted"}});
  }

  // JSON Lines: every good line is added, bad ones are listed; 400 only if
  // nothing could be added.
  void post_articles(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, res)) return;
    std::vector<std::pair<std::uint64_t, Article>> articles;
    nlohmann::json rejected = nlohmann::json::array();
    std::uint64_t line_number = 0;
    std::size_t start = 0;
    const std::string& body = req.body;
    while (start < body.size()) {
      const std::size_t end = std::min(body.find('\n', start), body.size());
      std::string_view line(body.data() + start, end - start);
      start = end + 1;
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      try {
        Article article = article_from_json(line);
        if (article.id.empty()) throw RecordError("id", "id is missing");
        articles.emplace_back(line_number, std::move(article));
      } catch (const RecordError& error) {
        rejected.push_back(
            {{"line", line_number}, {"field", error.field()}, {"error", error.what()}});
      }
    }
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
    if (!articles.empty()) {
      write([&](Index& index) {
        for (const auto& [line, article] : articles) {
          try {
            (index.add(article) == AddResult::added ? added : replaced) += 1;
          } catch (const InvalidArgumentError& error) {
            rejected.push_back({{"line", line}, {"field", ""}, {"error", error.what()}});
          }
        }
        return 0;
      });
    }
    const int status = added + replaced == 0 ? 400 : 200;
    if (added + replaced == 0 && rejected.empty()) {
      return send_error(res, 400, "the body holds no JSON Lines records", "body");
    }
    send_json(res, status, {{"added", added}, {"replaced", replaced}, {"rejected", rejected}});
  }

  ServerOptions options_;
  SearcherPool pool_;
  // Builds each new revision's columns and spelling index off the request
  // path (serve/revision_warmer.hpp); none for a shard set or when off.
  std::optional<RevisionWarmer> warmer_;
  httplib::Server server_;
  std::mutex write_mutex_;
  int port_ = 0;
};

HttpServer::HttpServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
HttpServer::~HttpServer() = default;
int HttpServer::bind() { return impl_->bind(); }
bool HttpServer::run() { return impl_->run(); }
void HttpServer::stop() { impl_->stop(); }

}  // namespace archivar::serve
