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

// Reads the source left to right, one token at a time, keeping the line for positions.
class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {}

  Result<std::vector<Token>> run() {
    while (i_ < source_.size()) {
      if (skip_blank()) continue;
      size_t start = i_;
      char c = source_[i_];
      if (is_identifier_start(c)) {
        while (i_ < source_.size() && is_identifier_part(source_[i_])) ++i_;
        add(TokenKind::kIdentifier, std::string(source_.substr(start, i_ - start)), start);
      } else if (is_digit(c)) {
        number(start);
      } else if (c == '\'') {
        Status read = text(start);
        if (!read.ok()) return read.error();
      } else if (!symbol(start)) {
        return Error{"", "syntax error at " + describe_position(make(TokenKind::kSymbol, "", start)) +
                             ": unexpected character '" + std::string(1, c) + "'"};
      }
    }
    i_ = source_.size();
    add(TokenKind::kEnd, "", source_.size());
    return std::move(tokens_);
  }

 private:
  Token make(TokenKind kind, std::string text, size_t start) const {
    Token token;
    token.kind = kind;
    token.text = std::move(text);
    token.offset = start;
    token.line = line_;
    token.column = static_cast<int>(start - line_start_) + 1;
    return token;
  }

  // A token from `start` to where the reading is now.
  void add(TokenKind kind, std::string text, size_t start) {
    tokens_.push_back(make(kind, std::move(text), start));
    tokens_.back().end = i_;
  }

  // A line break, other white space or a comment (to the end of the line): true when skipped.
  bool skip_blank() {
    char c = source_[i_];
    if (c == '\n') {
      ++i_;
      ++line_;
      line_start_ = i_;
      return true;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i_;
      return true;
    }
    if (c == '/' && i_ + 1 < source_.size() && source_[i_ + 1] == '/') {
      while (i_ < source_.size() && source_[i_] != '\n') ++i_;
      return true;
    }
    return false;
  }

  // Digits, and a fraction when a digit follows the point.
  void number(size_t start) {
    while (i_ < source_.size() && is_digit(source_[i_])) ++i_;
    if (i_ + 1 < source_.size() && source_[i_] == '.' && is_digit(source_[i_ + 1])) {
      ++i_;
      while (i_ < source_.size() && is_digit(source_[i_])) ++i_;
    }
    add(TokenKind::kNumber, std::string(source_.substr(start, i_ - start)), start);
  }

  // 'text' on one line; a backslash takes the next character as it is.
  Status text(size_t start) {
    std::string content;
    ++i_;
    while (i_ < source_.size()) {
      char d = source_[i_];
      if (d == '\\' && i_ + 1 < source_.size()) {
        content += source_[i_ + 1];
        i_ += 2;
        continue;
      }
      if (d == '\'') {
        ++i_;
        add(TokenKind::kText, content, start);
        return Status::Ok();
      }
      if (d == '\n') break;
      content += d;
      ++i_;
    }
    return Error{"", "syntax error at " + describe_position(make(TokenKind::kText, "", start)) + ": text not closed with '"};
  }

  // A symbol of two characters, else of one; false when there is none here.
  bool symbol(size_t start) {
    static constexpr std::string_view kTwoCharacter[] = {"!=", "<>", "<=", ">="};
    for (std::string_view two : kTwoCharacter) {
      if (source_.substr(i_, 2) == two) {
        i_ += 2;
        add(TokenKind::kSymbol, std::string(two), start);
        return true;
      }
    }
    char c = source_[i_];
    if (std::string_view("(),.+-*/=<>").find(c) == std::string_view::npos) return false;
    ++i_;
    add(TokenKind::kSymbol, std::string(1, c), start);
    return true;
  }

  std::string_view source_;
  size_t i_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  std::vector<Token> tokens_;
};

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view source) { return Lexer(source).run(); }

}  // namespace trialcore::expr
