#include "security_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "trial/test_trial.h"

namespace trialcore::security {

namespace {

using Clock = std::chrono::steady_clock;

// The program under test: this build's, or TRIALCORE_TEST_BINARY (to show that a test fails
// on an older program).
const char* binary() {
  const char* chosen = std::getenv("TRIALCORE_TEST_BINARY");
  return chosen && *chosen ? chosen : TRIALCORE_BINARY;
}

// In a forked child: runs `trialcore ARGUMENTS...` in its place (127 when it cannot start).
[[noreturn]] void become_trialcore(const std::vector<std::string>& arguments) {
  std::vector<std::string> words = {binary()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  execv(binary(), argv.data());
  _exit(127);
}

}  // namespace

std::string fresh_path(const std::string& suffix) {
  static std::atomic<int> counter{0};
  std::random_device random;
  return (std::filesystem::temp_directory_path() /
          ("trialcore-security-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(random() % 1000000) + suffix))
      .string();
}

ServerProcess::ServerProcess(std::vector<std::string> arguments, std::string store)
    : arguments_(std::move(arguments)), store_(std::move(store)), log_path_(fresh_path(".log")) {
  if (store_.empty()) {
    store_ = fresh_path(".db");
    fresh_store_ = true;
  }
  start();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
  std::filesystem::remove(log_path_);
  if (fresh_store_) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(store_ + suffix);
  }
}

void ServerProcess::start() {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(log, STDERR_FILENO);
    close(out[0]);
    close(out[1]);
    close(log);
    std::vector<std::string> words = {"serve", "--store", store_, "--port", "0", "--host", "127.0.0.1"};
    words.insert(words.end(), arguments_.begin(), arguments_.end());
    become_trialcore(words);
  }
  close(out[1]);
  pid_ = pid;
  // The address line ends the start-up output; the one-time password comes before it.
  std::string output;
  Clock::time_point deadline = Clock::now() + 60s;
  while (output.find("trialcore is running at") == std::string::npos ||
         output.find('\n', output.find("trialcore is running at")) == std::string::npos) {
    pollfd ready{out[0], POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0 || poll(&ready, 1, static_cast<int>(left)) <= 0) break;
    char buffer[1024];
    ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    output.append(buffer, static_cast<size_t>(n));
  }
  close(out[0]);  // nothing more comes on standard output
  size_t running = output.find("trialcore is running at ");
  size_t at = running == std::string::npos ? running : output.find("://127.0.0.1:", running);
  if (at == std::string::npos) {
    kill_now();
    throw std::runtime_error("trialcore serve did not start: " + output + log());
  }
  port_ = std::atoi(output.c_str() + at + std::strlen("://127.0.0.1:"));
  size_t password = output.find("one-time password: ");
  if (password != std::string::npos) {
    size_t begin = password + std::strlen("one-time password: ");
    one_time_password_ = output.substr(begin, output.find('\n', begin) - begin);
  }
}

std::string ServerProcess::log() const {
  std::ifstream file(log_path_);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void ServerProcess::kill_now() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = 0;
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = 0;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::optional<std::string> Answer::header(const std::string& name) const {
  std::istringstream lines(head);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(':');
    if (colon == std::string::npos || colon != name.size()) continue;
    if (!std::equal(name.begin(), name.end(), line.begin(),
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); })) {
      continue;
    }
    size_t value = line.find_first_not_of(' ', colon + 1);
    return value == std::string::npos ? "" : line.substr(value);
  }
  return std::nullopt;
}

Json Answer::json() const { return Json::parse(body, nullptr, false); }

int open_connection(int port, const std::string& source) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
      connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool send_bytes(int socket, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::optional<Answer> read_answer(int socket, std::chrono::milliseconds timeout) {
  Clock::time_point deadline = Clock::now() + timeout;
  std::string bytes;
  char buffer[16384];
  while (true) {
    size_t end = bytes.find("\r\n\r\n");
    if (end != std::string::npos) {
      Answer answer;
      answer.head = bytes.substr(0, end + 2);
      answer.status = std::atoi(bytes.c_str() + bytes.find(' ') + 1);
      auto length = answer.header("Content-Length");
      if (length && bytes.size() >= end + 4 + std::stoul(*length)) {
        answer.body = bytes.substr(end + 4, std::stoul(*length));
        return answer;
      }
    }
    pollfd ready{socket, POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return std::nullopt;
    int count = poll(&ready, 1, static_cast<int>(left));
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return std::nullopt;
    ssize_t n = recv(socket, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // Closed: what came is the answer, if it has a head and, when it announced its
      // length, all of its body. A server killed between the head and the body has not
      // answered: its client saw no whole answer.
      size_t head_end = bytes.find("\r\n\r\n");
      if (head_end == std::string::npos) return std::nullopt;
      Answer answer;
      answer.head = bytes.substr(0, head_end + 2);
      answer.status = std::atoi(bytes.c_str() + bytes.find(' ') + 1);
      answer.body = bytes.substr(head_end + 4);
      if (auto length = answer.header("Content-Length"); length && answer.body.size() < std::stoul(*length)) return std::nullopt;
      return answer;
    }
    bytes.append(buffer, static_cast<size_t>(n));
  }
}

std::optional<Answer> exchange(int port, const std::string& bytes, std::chrono::milliseconds timeout, const std::string& source) {
  int fd = open_connection(port, source);
  if (fd < 0) return std::nullopt;
  std::optional<Answer> answer;
  if (send_bytes(fd, bytes)) answer = read_answer(fd, timeout);
  close(fd);
  return answer;
}

std::string request_text(const std::string& method, const std::string& path, const std::optional<Json>& body, const Signed* as,
                         const std::vector<std::string>& headers) {
  std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (as) text += "Cookie: " + as->cookie + "\r\nX-CSRF-Token: " + as->csrf + "\r\n";
  for (const std::string& header : headers) text += header + "\r\n";
  std::string content = body ? body->dump() : "";
  if (body || method == "POST") text += "Content-Type: application/json\r\nContent-Length: " + std::to_string(content.size()) + "\r\n";
  return text + "\r\n" + content;
}

std::optional<Answer> call(int port, const std::string& method, const std::string& path, const std::optional<Json>& body,
                           const Signed* as, const std::string& source) {
  return exchange(port, request_text(method, path, body, as), 60s, source);
}

std::optional<Signed> sign_in(int port, const std::string& username, const std::string& password, const std::string& source) {
  auto answer = call(port, "POST", "/api/session", Json{{"username", username}, {"password", password}}, nullptr, source);
  if (!answer || answer->status != 200) return std::nullopt;
  std::string cookie = answer->header("Set-Cookie").value_or("");
  return Signed{username, cookie.substr(0, cookie.find(';')), answer->json().value("csrf_token", "")};
}

std::string own_password(const std::string& username) { return "own-password-of-" + username; }

TrialServer::TrialServer(std::vector<std::string> arguments, const std::vector<std::string>& roles) : server_(std::move(arguments)) {
  users_["admin"] = choose_password("admin", server_.one_time_password());
  for (const std::string& role : roles) users_[role] = choose_password(role, add_user(role, role));
}

std::string TrialServer::add_user(const std::string& username, const std::string& role) {
  auto created = call(port(), "POST", "/api/users", Json{{"username", username}, {"role", role}}, &users_.at("admin"));
  if (!created || created->status != 201) throw std::runtime_error("cannot create " + username + ": " + (created ? created->body : ""));
  return created->json()["password"];
}

Signed TrialServer::choose_password(const std::string& username, const std::string& one_time) {
  auto first = sign_in(port(), username, one_time);
  if (!first) throw std::runtime_error("cannot sign in as " + username);
  auto chosen = call(port(), "POST", "/api/users/" + username + "/password",
                     Json{{"current_password", one_time}, {"password", own_password(username)}}, &*first);
  if (chosen && chosen->status == 204) {  // an older program: no new session in the answer
    auto again = sign_in(port(), username, own_password(username));
    if (again) return *again;
  }
  if (!chosen || chosen->status != 200) throw std::runtime_error("cannot choose a password for " + username + ": " + (chosen ? chosen->body : ""));
  std::string cookie = chosen->header("Set-Cookie").value_or("");
  return Signed{username, cookie.substr(0, cookie.find(';')), chosen->json().value("csrf_token", "")};
}

CommandRun run_trialcore(const std::vector<std::string>& arguments, const std::string& input) {
  std::string out_path = fresh_path(".out"), err_path = fresh_path(".err"), in_path = fresh_path(".in");
  std::ofstream(in_path, std::ios::binary) << input;
  pid_t pid = fork();
  if (pid == 0) {
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    become_trialcore(arguments);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CommandRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  auto slurp = [](const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
  };
  run.out = slurp(out_path);
  run.err = slurp(err_path);
  for (const std::string& path : {out_path, err_path, in_path}) std::filesystem::remove(path);
  return run;
}

Json eligible_record(const std::string& id) { return trial::testing::eligible_record(id); }

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t middle = values.size() / 2;
  return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

}  // namespace trialcore::security
