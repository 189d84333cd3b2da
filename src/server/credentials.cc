#include "server/credentials.h"

#include <sodium.h>

#include <stdexcept>

namespace trialcore::server {

namespace {

void ready() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialized");
}

}  // namespace

std::string hash_password(const std::string& password) {
  ready();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return hash;
}

bool password_matches(const std::string& hash, const std::string& password) {
  ready();
  if (hash.empty()) return false;
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

bool strong_enough(const std::string& password) { return password.size() >= 12; }

}  // namespace trialcore::server
