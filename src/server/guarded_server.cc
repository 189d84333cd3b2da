#include "server/guarded_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <optional>
#include <vector>

#include "server/connection_pool.h"

namespace trialcore::server {

namespace {

using Clock = std::chrono::steady_clock;

// What the connection served on this thread is to do once the answer is written.
struct ConnectionFlags {
  bool close_after_answer = false;
};
thread_local ConnectionFlags* current_connection = nullptr;

int milliseconds_until(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, INT_MAX));
}

// Waits until the socket is ready for `events` (or has hung up) or the deadline passes.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  while (true) {
    pollfd ready{fd, events, 0};
    int count = ::poll(&ready, 1, milliseconds_until(deadline));
    if (count > 0) return true;
    if (count == 0 || errno != EINTR) return false;
  }
}

std::string address_text(const sockaddr_storage& address, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  }
  return text;
}

// The answer to a request that did not arrive whole in time.
std::string timeout_answer() {
  const std::string body = R"({"error":{"path":"","message":"the request did not arrive whole within its deadline"}})";
  return "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

// The bytes of one connection, plain or TLS. Reads are bounded by the deadline of the
// request they belong to and by its byte limit; writes by the deadline of the answer.
class ConnectionStream : public httplib::Stream {
 public:
  ConnectionStream(int fd, SSL* tls, const ConnectionLimits& limits) : fd_(fd), tls_(tls), limits_(limits), buffer_(16 * 1024) {}

  void begin_request() {
    read_deadline_ = Clock::now() + limits_.request_deadline;
    write_deadline_.reset();
    bytes_read_ = 0;
    timed_out_ = false;
  }
  bool timed_out() const { return timed_out_; }

  // Waits up to `idle` for the next request's first byte (or the peer closing); false when
  // none came or the server is stopping.
  bool wait_for_request(std::chrono::milliseconds idle, const std::atomic<socket_t>& listening) {
    if (buffered()) return true;
    Clock::time_point until = Clock::now() + idle;
    while (listening != INVALID_SOCKET) {
      // In slices, so that a stopping server is noticed.
      if (wait_for(fd_, POLLIN, std::min(until, Clock::now() + std::chrono::milliseconds(100)))) return true;
      if (Clock::now() >= until) return false;
    }
    return false;
  }

  // 408 and nothing more, once: the request did not arrive whole in time.
  void answer_timeout() {
    if (answered_timeout_) return;
    answered_timeout_ = true;
    write_deadline_ = Clock::now() + std::chrono::milliseconds(1000);
    const std::string answer = timeout_answer();
    size_t sent = 0;
    while (sent < answer.size()) {
      ssize_t n = send_some(answer.data() + sent, answer.size() - sent);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  }

  bool is_readable() const override { return buffered() || wait_for(fd_, POLLIN, Clock::now()); }
  bool is_writable() const override { return wait_for(fd_, POLLOUT, Clock::now()); }

  ssize_t read(char* data, size_t size) override {
    if (!buffered()) {
      ssize_t filled = fill();
      if (filled <= 0) return filled;
    }
    size_t n = std::min(size, size_ - offset_);
    std::memcpy(data, buffer_.data() + offset_, n);
    offset_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* data, size_t size) override {
    // After a timeout httplib would answer 400; the peer is told 408 instead.
    if (timed_out_) {
      answer_timeout();
      return -1;
    }
    if (!write_deadline_) write_deadline_ = Clock::now() + limits_.answer_deadline;
    return send_some(data, size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getpeername(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) ip = address_text(address, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) ip = address_text(address, port);
  }
  socket_t socket() const override { return fd_; }

 private:
  bool buffered() const { return offset_ < size_ || (tls_ && SSL_pending(tls_) > 0); }

  // Reads what the peer sent into the buffer: the count, 0 when it closed, -1 on an error,
  // the deadline passed or the request grown past its limit.
  ssize_t fill() {
    offset_ = size_ = 0;
    while (true) {
      if (Clock::now() >= read_deadline_) {
        timed_out_ = true;
        return -1;
      }
      if (bytes_read_ >= limits_.maximum_request_bytes) {
        close_connection_after_answer();  // the rest of it is still coming: never read as a request
        return -1;
      }
      size_t wanted = std::min(buffer_.size(), limits_.maximum_request_bytes - bytes_read_);
      ssize_t n;
      short waiting_for = POLLIN;
      if (tls_) {
        ERR_clear_error();
        n = SSL_read(tls_, buffer_.data(), static_cast<int>(wanted));
        if (n <= 0) {
          int error = SSL_get_error(tls_, static_cast<int>(n));
          if (error == SSL_ERROR_ZERO_RETURN) return 0;
          if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) return -1;
          if (error == SSL_ERROR_WANT_WRITE) waiting_for = POLLOUT;
          n = -1;
          errno = EAGAIN;
        }
      } else {
        n = ::recv(fd_, buffer_.data(), wanted, 0);
        if (n == 0) return 0;
      }
      if (n > 0) {
        size_ = static_cast<size_t>(n);
        bytes_read_ += size_;
        return n;
      }
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (!wait_for(fd_, waiting_for, read_deadline_)) {
        timed_out_ = true;
        return -1;
      }
    }
  }

  ssize_t send_some(const char* data, size_t size) {
    while (true) {
      ssize_t n;
      short waiting_for = POLLOUT;
      if (tls_) {
        ERR_clear_error();
        n = SSL_write(tls_, data, static_cast<int>(std::min<size_t>(size, INT_MAX)));
        if (n <= 0) {
          int error = SSL_get_error(tls_, static_cast<int>(n));
          if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) return -1;
          if (error == SSL_ERROR_WANT_READ) waiting_for = POLLIN;
          n = -1;
          errno = EAGAIN;
        }
      } else {
        n = ::send(fd_, data, size, MSG_NOSIGNAL);
      }
      if (n > 0) return n;
      if (n < 0 && errno == EINTR) continue;
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return -1;
      if (!wait_for(fd_, waiting_for, *write_deadline_)) return -1;
    }
  }

  int fd_;
  SSL* tls_;
  const ConnectionLimits& limits_;
  std::vector<char> buffer_;
  size_t offset_ = 0, size_ = 0;
  size_t bytes_read_ = 0;
  Clock::time_point read_deadline_ = Clock::now();
  std::optional<Clock::time_point> write_deadline_;
  bool timed_out_ = false;
  bool answered_timeout_ = false;
};

// Requests and answers as bytes in memory, for answer_bytes().
class MemoryStream : public httplib::Stream {
 public:
  explicit MemoryStream(const std::string& input) : input_(input) {}
  std::string output;
  bool exhausted() const { return offset_ >= input_.size(); }

  bool is_readable() const override { return !exhausted(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* data, size_t size) override {
    size_t n = std::min(size, input_.size() - offset_);
    std::memcpy(data, input_.data() + offset_, n);
    offset_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* data, size_t size) override {
    output.append(data, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

 private:
  const std::string& input_;
  size_t offset_ = 0;
};

// The TLS handshake, under the request deadline.
bool accept_tls(int fd, SSL* tls, Clock::time_point deadline) {
  while (true) {
    ERR_clear_error();
    int done = SSL_accept(tls);
    if (done == 1) return true;
    int error = SSL_get_error(tls, done);
    short waiting_for = error == SSL_ERROR_WANT_READ ? POLLIN : error == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
    if (waiting_for == 0 || !wait_for(fd, waiting_for, deadline)) return false;
  }
}

}  // namespace

void close_connection_after_answer() {
  if (current_connection) current_connection->close_after_answer = true;
}

Result<TlsContext> tls_context(const std::string& certificate_file, const std::string& key_file) {
  TlsContext context(SSL_CTX_new(TLS_server_method()));
  if (!context) return Error{"$.tls_certificate", "TLS cannot be set up (OpenSSL)", ErrorKind::kFailure};
  SSL_CTX_set_min_proto_version(context.get(), TLS1_2_VERSION);
  SSL_CTX_set_options(context.get(), SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_mode(context.get(), SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (SSL_CTX_use_certificate_chain_file(context.get(), certificate_file.c_str()) != 1) {
    return Error{"$.tls_certificate", "the certificate or key cannot be read"};
  }
  if (SSL_CTX_use_PrivateKey_file(context.get(), key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    return Error{"$.tls_certificate", "the certificate or key cannot be read"};
  }
  if (SSL_CTX_check_private_key(context.get()) != 1) return Error{"$.tls_key", "does not belong to the certificate"};
  return context;
}

GuardedServer::GuardedServer(ConnectionLimits limits, TlsContext tls) : limits_(limits), tls_(std::move(tls)) {
  size_t maximum_threads = limits_.maximum_threads;
  new_task_queue = [maximum_threads] { return new ConnectionPool(maximum_threads); };
}

bool GuardedServer::process_and_close_socket(socket_t fd) {
  int flags = fcntl(fd, F_GETFL, 0);
  fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  SSL* tls = nullptr;
  bool secure = true;
  if (tls_) {
    tls = SSL_new(tls_.get());
    secure = tls && SSL_set_fd(tls, fd) == 1 && accept_tls(fd, tls, Clock::now() + limits_.request_deadline);
  }
  bool served = false;
  if (secure) {
    ConnectionStream stream(fd, tls, limits_);
    ConnectionFlags connection;
    current_connection = &connection;
    size_t left = keep_alive_max_count_;
    while (left > 0 && stream.wait_for_request(limits_.idle_keep_alive, svr_sock_)) {
      stream.begin_request();
      --left;
      bool closed = false;
      served = process_request(stream, left == 0, closed, nullptr);
      if (stream.timed_out()) {
        stream.answer_timeout();
        break;
      }
      if (!served || closed || connection.close_after_answer) break;
    }
    current_connection = nullptr;
    if (tls && served) SSL_shutdown(tls);  // best effort: the peer may be gone
  }
  if (tls) SSL_free(tls);
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
  return served;
}

std::string GuardedServer::answer_bytes(const std::string& requests) {
  MemoryStream stream(requests);
  ConnectionFlags connection;
  current_connection = &connection;
  while (!stream.exhausted()) {
    bool closed = false;
    if (!process_request(stream, false, closed, nullptr) || closed || connection.close_after_answer) break;
  }
  current_connection = nullptr;
  return stream.output;
}

}  // namespace trialcore::server
