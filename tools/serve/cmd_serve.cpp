// archivar serve: the JSON API and the search page over HTTP.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <thread>

#include "archivar/errors.hpp"
#include "command.hpp"
#include "serve/http_server.hpp"
#include "shard_options.hpp"

namespace archivar::cli {

namespace {

// "HOST:PORT", "[v6]:PORT" or ":PORT" (loopback).
void parse_listen(const std::string& listen, serve::ServerOptions& options) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    throw InvalidArgumentError("--listen must be HOST:PORT, not '" + listen + "'");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (!host.empty()) options.host = host;
  const std::string port = listen.substr(colon + 1);
  int number = -1;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (port.empty() || error != std::errc() || end != port.data() + port.size() || number < 0 ||
      number > 65535) {
    throw InvalidArgumentError("--listen port must be 0..65535, not '" + port + "'");
  }
  options.port = number;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost";
}

}  // namespace

int run_serve(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string db;
  std::string listen = "127.0.0.1:8080";
  serve::ServerOptions server_options;
  server_options.threads = std::max(8u, std::thread::hardware_concurrency());
  std::size_t max_body = server_options.limits.max_body_bytes;
  auto warm_up_ms = static_cast<std::uint32_t>(server_options.warm_up_interval.count());
  bool display_from_disk = false;
  // clang-format off
  options.add_options()
      ("db", po::value(&db)->required(), "index folder")
      ("listen", po::value(&listen)->default_value(listen),
       "HOST:PORT to listen on (loopback by default; port 0 picks a free port)")
      ("threads", po::value(&server_options.threads)->default_value(server_options.threads),
       "searches at once, each with its own Searcher (1-256); connections are served by "
       "max(16, 4 x N) threads, so idle keep-alive connections do not block searches")
      ("token", po::value(&server_options.token),
       "enable the write API (PUT/DELETE/POST /articles) for requests with "
       "'Authorization: Bearer TOKEN'")
      ("max-body", po::value(&max_body)->default_value(max_body),
       "largest request body in bytes (write API)")
      ("warm-up-ms", po::value(&warm_up_ms)->default_value(warm_up_ms),
       "look for a new commit every N ms and build its facet columns, display records and "
       "'did you mean' index before requests need them (at start too); 0: off, requests build them")
      ("facet-thread", po::bool_switch(&server_options.shards.facet_thread),
       "count facets on a second thread per search beside the ranked match: faceted "
       "searches return sooner while cores are idle (same CPU; a second open index per "
       "Searcher)")
      ("snippet-thread", po::bool_switch(&server_options.shards.snippet_thread),
       "build half of a page's snippets on that second thread while the request's own "
       "builds the rest: searches with snippets return sooner while cores are idle "
       "(same CPU, same snippets)")
      ("display-from-disk", po::bool_switch(&display_from_disk),
       "read each hit's title, url, date... from the index on every request instead of "
       "holding every article's in memory (~115 bytes per article; ~8 us more per hit at "
       "171k articles)");
  // clang-format on
  add_shard_options(options, server_options.shards);
  po::positional_options_description positional;
  po::variables_map vm;
  if (!parse_options("serve", "--db PATH [--listen HOST:PORT] [--threads N] [--token T]", args,
                     options, positional, vm)) {
    return kOk;
  }
  if (server_options.threads < 1 || server_options.threads > 256) {
    throw InvalidArgumentError("--threads must be between 1 and 256");
  }
  if (vm.count("token") != 0 && server_options.token.size() < 8) {
    throw InvalidArgumentError("--token must have at least 8 characters");
  }
  parse_listen(listen, server_options);
  server_options.db = db;
  server_options.limits.max_body_bytes = max_body;
  server_options.warm_up_interval = std::chrono::milliseconds(warm_up_ms);
  server_options.shards.display_in_memory = !display_from_disk;
  if (!is_loopback(server_options.host)) {
    std::cerr << "archivar serve: warning: listening on " << server_options.host
              << ", not loopback: plain HTTP, put a TLS proxy in front\n";
  }

  // SIGINT/SIGTERM are taken by one thread (sigwait) that stops the server;
  // blocked before any other thread starts, so they inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  serve::HttpServer server(server_options);
  const int port = server.bind();
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    server.stop();
  });
  const std::string shown_host = server_options.host.find(':') != std::string::npos
                                     ? "[" + server_options.host + "]"
                                     : server_options.host;
  std::printf("archivar serve: http://%s:%d/ (index %s, %u threads, write API %s)\n",
              shown_host.c_str(), port, db.c_str(), server_options.threads,
              server_options.token.empty() ? "off" : "on");
  std::fflush(stdout);
  const bool ok = server.run();
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if run() ended by itself
  waiter.join();
  std::fprintf(stderr, "archivar serve: stopped\n");
  return ok ? kOk : kFailure;
}

}  // namespace archivar::cli
