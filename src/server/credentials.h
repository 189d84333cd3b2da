// Passwords and session tokens. Passwords are kept only as Argon2id hashes (libsodium's
// crypto_pwhash_str, interactive limits); tokens are 32 random bytes, kept only as their
// SHA-256, so a copy of the database lets no one log in or take over a session.
//
// Hashing or checking a password takes a core for about a tenth of a second and 64 MiB: at
// most half the cores (at least one) do it at once, and the rest wait their turn, so a flood
// of logins queues here instead of starving the requests that record the trial. No caller
// holds a transaction while it waits.
#pragma once

#include <string>

namespace trialcore::server {

std::string hash_password(const std::string& password);
bool password_matches(const std::string& hash, const std::string& password);

// 32 random bytes, hex: session tokens, CSRF tokens.
std::string random_token();

// A readable one-time password: 20 characters from an alphabet without look-alikes.
std::string random_password();

// What a password must be: 12 characters or more, and at most kMaximumPasswordBytes.
bool strong_enough(const std::string& password);
inline constexpr size_t kMaximumPasswordBytes = 1024;

// How many password hashes or checks may run at once.
int concurrent_password_work();

}  // namespace trialcore::server
