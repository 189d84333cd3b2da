// Splits an expression into tokens, each with its line and column for error messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace trialcore::expr {

enum class TokenKind {
  kIdentifier,  // also keywords: the parser tells them apart
  kNumber,
  kText,        // 'quoted'
  kSymbol,      // ( ) , . + - * / = != <> < <= > >=
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;    // identifier, symbol, number as written, or the unquoted text
  size_t offset = 0;   // in the expression: where the token starts
  size_t end = 0;      // and where it ends (one past)
  int line = 1;
  int column = 1;
};

// The tokens of `source`, ending with kEnd; an Error for a character the language lacks
// or an unterminated text. `//` starts a comment to the end of the line.
Result<std::vector<Token>> tokenize(std::string_view source);

// "line 2, column 14"
std::string describe_position(const Token& token);

}  // namespace trialcore::expr
