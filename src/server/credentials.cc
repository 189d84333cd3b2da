#include "server/credentials.h"

#include <sodium.h>

#include <algorithm>
#include <semaphore>
#include <stdexcept>
#include <thread>

namespace trialcore::server {

namespace {

void ready() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialized");
}

// Holds one of the slots for password work while it lives.
class PasswordWork {
 public:
  PasswordWork() { slots().acquire(); }
  ~PasswordWork() { slots().release(); }
  PasswordWork(const PasswordWork&) = delete;
  PasswordWork& operator=(const PasswordWork&) = delete;

 private:
  static std::counting_semaphore<>& slots() {
    static std::counting_semaphore<> semaphore(concurrent_password_work());
    return semaphore;
  }
};

}  // namespace

std::string hash_password(const std::string& password) {
  ready();
  char hash[crypto_pwhash_STRBYTES];
  PasswordWork work;
  if (crypto_pwhash_str(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return hash;
}

bool password_matches(const std::string& hash, const std::string& password) {
  ready();
  if (hash.empty()) return false;
  PasswordWork work;
  return crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
}

std::string random_token() {
  ready();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::string random_password() {
  ready();
  static const char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  for (int i = 0; i < 20; ++i) password += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return password;
}

bool strong_enough(const std::string& password) {
  return password.size() >= 12 && password.size() <= kMaximumPasswordBytes;
}

int concurrent_password_work() {
  static const int slots = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
  return slots;
}

}  // namespace trialcore::server
