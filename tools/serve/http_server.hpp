// HttpServer: the JSON API and the search page of `archivar serve`, on
// cpp-httplib. Uses only archivar's public API.
//
// Reads go through a SearcherPool (one Searcher per concurrent request, at
// most `threads` at once, reopened before each); writes (enabled only with a token) open the one
// archivar::Index for the duration of a request, serialized by a mutex, and
// commit before answering, so a concurrent `archivar index` run is locked
// out only while a write request runs (it gets 503 the other way round).
//
// Thread-safety: run() blocks on the calling thread; stop() may be called
// from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "serve/request_params.hpp"

namespace archivar::serve {

struct ServerOptions {
  std::filesystem::path db;        // index folder (must exist)
  std::string host = "127.0.0.1";  // address to bind; loopback unless told otherwise
  int port = 8080;                 // 0: any free port
  std::uint32_t threads = 4;       // searches at once (one Searcher each); connections are
                                   // served by max(16, 4 x threads) threads
  std::string token;               // write API bearer token; empty: write API disabled
  Limits limits;                   // per-request caps
  SearcherOptions shards;          // a shard set: partial answers, remote timeouts; facet_thread
  // How often a thread of its own looks for a new revision of a single
  // index and builds its facet columns and "did you mean" index before
  // requests need them (serve/revision_warmer.hpp); 0: never.
  std::chrono::milliseconds warm_up_interval{250};
};

class HttpServer {
 public:
  // Opens the index (throws DatabaseError if it cannot be read) and sets up
  // the routes. Does not bind yet.
  explicit HttpServer(ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds host:port; returns the bound port. Throws RuntimeError if it
  // cannot bind.
  int bind();

  // Serves until stop(). Returns false if the listening socket failed.
  bool run();

  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace archivar::serve
