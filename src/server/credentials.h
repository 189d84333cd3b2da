// Passwords and session tokens. Passwords are kept only as Argon2id hashes (libsodium's
// crypto_pwhash_str, interactive limits); tokens are 32 random bytes, kept only as their
// SHA-256, so a copy of the database lets no one log in or take over a session.
#pragma once

#include <string>

namespace trialcore::server {

std::string hash_password(const std::string& password);
bool password_matches(const std::string& hash, const std::string& password);

// 32 random bytes, hex: session tokens, CSRF tokens.
std::string random_token();

// A readable one-time password: 20 characters from an alphabet without look-alikes.
std::string random_password();

// What a password must be: 12 characters or more.
bool strong_enough(const std::string& password);

}  // namespace trialcore::server
