// For the security tests: `trialcore serve` started for real as its own process on
// 127.0.0.1 (its standard error, the JSON log, kept in a file), a client on raw sockets that
// sends exactly the bytes a test writes, from any loopback address (127.0.0.0/8), and the
// command line run as a process. Nothing is mocked.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/json_fields.h"

namespace trialcore::security {

using namespace std::chrono_literals;

// Built with the sanitizers (build-sanitized/), everything runs several times slower: time
// bounds are widened by this factor there, and the plain build holds the documented ones.
#ifdef TRIALCORE_SANITIZED
inline constexpr bool kSanitized = true;
inline constexpr double kSlowdown = 3;
#else
inline constexpr bool kSanitized = false;
inline constexpr double kSlowdown = 1;
#endif

// A fresh path in the temporary directory (nothing created).
std::string fresh_path(const std::string& suffix);

class ServerProcess {
 public:
  // Starts `trialcore serve --store STORE --port 0 ARGUMENTS...`; a fresh SQLite file when
  // `store` is empty.
  explicit ServerProcess(std::vector<std::string> arguments = {}, std::string store = "");
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  const std::string& store() const { return store_; }
  // The administrator's one-time password, printed on the first start of a store.
  const std::string& one_time_password() const { return one_time_password_; }
  // Everything the server wrote on standard error so far.
  std::string log() const;

  void kill_now();      // SIGKILL, as a crash
  void start();         // again, on the same store, after kill_now or stop
  int stop();           // SIGTERM; the exit status
  bool running() const { return pid_ > 0; }

 private:
  std::vector<std::string> arguments_;
  std::string store_;
  bool fresh_store_ = false;
  std::string log_path_;
  pid_t pid_ = 0;
  int port_ = 0;
  std::string one_time_password_;
};

// An answer as read off the socket.
struct Answer {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
  std::optional<std::string> header(const std::string& name) const;
  Json json() const;  // the body as JSON, or null
};

// A connected TCP socket to 127.0.0.1:port from `source` (any 127.x.y.z); -1 on failure.
int open_connection(int port, const std::string& source = "127.0.0.1");
bool send_bytes(int socket, const std::string& bytes);
// Reads one answer (to its Content-Length, or to the peer closing) within `timeout`.
std::optional<Answer> read_answer(int socket, std::chrono::milliseconds timeout);
// One request on a new connection: `bytes` sent as they are.
std::optional<Answer> exchange(int port, const std::string& bytes, std::chrono::milliseconds timeout = 30s,
                               const std::string& source = "127.0.0.1");

// A signed-in user: the cookie and the CSRF token.
struct Signed {
  std::string username;
  std::string cookie;
  std::string csrf;
};

// A well-formed request: Host, Connection: close, the session's cookie and CSRF token, a
// JSON body with its Content-Length.
std::string request_text(const std::string& method, const std::string& path, const std::optional<Json>& body = std::nullopt,
                         const Signed* as = nullptr, const std::vector<std::string>& headers = {});
std::optional<Answer> call(int port, const std::string& method, const std::string& path,
                           const std::optional<Json>& body = std::nullopt, const Signed* as = nullptr,
                           const std::string& source = "127.0.0.1");

// Signs in; nullopt unless 200.
std::optional<Signed> sign_in(int port, const std::string& username, const std::string& password,
                              const std::string& source = "127.0.0.1");

// The password the tests give each user once they have chosen their own.
std::string own_password(const std::string& username);

// A server with users of every role who have chosen their passwords: "admin",
// "coordinator", "investigator", "pharmacist", "monitor".
class TrialServer {
 public:
  explicit TrialServer(std::vector<std::string> arguments = {}, const std::vector<std::string>& roles = {"coordinator"});
  ServerProcess& server() { return server_; }
  int port() const { return server_.port(); }
  Signed& as(const std::string& username) { return users_.at(username); }
  // Creates a user with `role` as the administrator; their one-time password.
  std::string add_user(const std::string& username, const std::string& role);
  // Signs in with the one-time password and chooses own_password(username).
  Signed choose_password(const std::string& username, const std::string& one_time);

 private:
  ServerProcess server_;
  std::map<std::string, Signed> users_;
};

// `trialcore ARGUMENTS...` as a process, with `input` on its standard input.
struct CommandRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandRun run_trialcore(const std::vector<std::string>& arguments, const std::string& input = "");

// The contract's example patient, eligible on 2010-07-02, with `id`.
Json eligible_record(const std::string& id);

// Milliseconds since `start`.
double milliseconds_since(std::chrono::steady_clock::time_point start);
double median(std::vector<double> values);

}  // namespace trialcore::security
