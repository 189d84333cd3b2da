#include "expr/lexer.h"

#include <cctype>

namespace trialcore::expr {

std::string describe_position(const Token& token) {
  return "line " + std::to_string(token.line) + ", column " + std::to_string(token.column);
}

namespace {

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_identifier_part(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view source) {
  std::vector<Token> tokens;
  size_t i = 0;
  int line = 1;
  size_t line_start = 0;
  auto make = [&](TokenKind kind, std::string text, size_t start) {
    Token token;
    token.kind = kind;
    token.text = std::move(text);
    token.offset = start;
    token.line = line;
    token.column = static_cast<int>(start - line_start) + 1;
    return token;
  };
  while (i < source.size()) {
    char c = source[i];
    if (c == '\n') {
      ++i;
      ++line;
      line_start = i;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < source.size() && source[i + 1] == '/') {
      while (i < source.size() && source[i] != '\n') ++i;
      continue;
    }
    size_t start = i;
    if (is_identifier_start(c)) {
      while (i < source.size() && is_identifier_part(source[i])) ++i;
      tokens.push_back(make(TokenKind::kIdentifier, std::string(source.substr(start, i - start)), start));
      tokens.back().end = i;
      continue;
    }
    if (is_digit(c)) {
      while (i < source.size() && is_digit(source[i])) ++i;
      if (i + 1 < source.size() && source[i] == '.' && is_digit(source[i + 1])) {
        ++i;
        while (i < source.size() && is_digit(source[i])) ++i;
      }
      tokens.push_back(make(TokenKind::kNumber, std::string(source.substr(start, i - start)), start));
      tokens.back().end = i;
      continue;
    }
    if (c == '\'') {
      std::string text;
      ++i;
      bool closed = false;
      while (i < source.size()) {
        char d = source[i];
        if (d == '\\' && i + 1 < source.size()) {
          text += source[i + 1];
          i += 2;
          continue;
        }
        if (d == '\'') {
          closed = true;
          ++i;
          break;
        }
        if (d == '\n') break;
        text += d;
        ++i;
      }
      if (!closed) {
        Token at = make(TokenKind::kText, "", start);
        return Error{"", "syntax error at " + describe_position(at) + ": text not closed with '"};
      }
      tokens.push_back(make(TokenKind::kText, text, start));
      tokens.back().end = i;
      continue;
    }
    static constexpr std::string_view kTwoCharacter[] = {"!=", "<>", "<=", ">="};
    bool matched = false;
    for (std::string_view symbol : kTwoCharacter) {
      if (source.substr(i, 2) == symbol) {
        tokens.push_back(make(TokenKind::kSymbol, std::string(symbol), start));
        i += 2;
        tokens.back().end = i;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (std::string_view("(),.+-*/=<>").find(c) != std::string_view::npos) {
      tokens.push_back(make(TokenKind::kSymbol, std::string(1, c), start));
      ++i;
      tokens.back().end = i;
      continue;
    }
    Token at = make(TokenKind::kSymbol, "", start);
    return Error{"", "syntax error at " + describe_position(at) + ": unexpected character '" +
                         std::string(1, c) + "'"};
  }
  tokens.push_back(make(TokenKind::kEnd, "", source.size()));
  tokens.back().end = source.size();
  return tokens;
}

}  // namespace trialcore::expr
