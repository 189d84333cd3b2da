#include "expr/parser.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <set>
#include <string>
#include <unordered_map>

#include "expr/lexer.h"

namespace trialcore::expr {

namespace {

const std::set<std::string, std::less<>> kReservedWords = {
    "and", "or", "xor", "not", "implies", "if", "then", "else", "is", "null", "true",
    "false", "in", "exists", "latest", "within", "between", "where"};

bool is_duration_word(const std::string& word) {
  return word == "day" || word == "days" || word == "week" || word == "weeks" ||
         word == "month" || word == "months" || word == "year" || word == "years";
}

// The most a duration literal counts: ten thousand years in its unit. A criterion's window
// is days to years; a date moved further leaves the calendar's range (and the count, the
// integer's).
long most_counted(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::kDays: return 3'652'500;
    case DurationUnit::kWeeks: return 521'700;
    case DurationUnit::kMonths: return 120'000;
    case DurationUnit::kYears: return 10'000;
  }
  return 0;
}

DurationUnit duration_unit(const std::string& word) {
  if (word.rfind("week", 0) == 0) return DurationUnit::kWeeks;
  if (word.rfind("month", 0) == 0) return DurationUnit::kMonths;
  if (word.rfind("year", 0) == 0) return DurationUnit::kYears;
  return DurationUnit::kDays;
}

// How deep an expression may nest: parentheses, 'not' and '-' within each other, and the
// tree as a whole (a chain of 'and' is a tree as deep as it is long). Parsing, compiling,
// evaluating and freeing a tree recurse, and a protocol file comes from outside: deeper
// input is a syntax error, never a stack overflow.
constexpr int kMaximumNesting = 100;
constexpr int kMaximumTreeDepth = 400;

// Recursive descent, one function a precedence level. Errors are carried in `error_` and
// stop the parse: the first one is the one reported.
class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens)
      : source_(source), tokens_(std::move(tokens)) {}

  Result<NodePtr> parse() {
    NodePtr root = expression();
    if (failed_) return error_;
    if (peek().kind != TokenKind::kEnd) {
      fail(peek(), "expected the end of the expression, found '" + peek().text + "'");
      return error_;
    }
    return root;
  }

 private:
  const Token& peek(size_t ahead = 0) const {
    size_t index = std::min(position_ + ahead, tokens_.size() - 1);
    return tokens_[index];
  }
  const Token& advance() {
    const Token& token = tokens_[position_];
    if (position_ + 1 < tokens_.size()) ++position_;
    previous_end_ = token.end;
    return token;
  }
  bool at_word(std::string_view word, size_t ahead = 0) const {
    return peek(ahead).kind == TokenKind::kIdentifier && peek(ahead).text == word;
  }
  bool at_symbol(std::string_view symbol) const {
    return peek().kind == TokenKind::kSymbol && peek().text == symbol;
  }
  bool accept_word(std::string_view word) {
    if (!at_word(word)) return false;
    advance();
    return true;
  }
  bool accept_symbol(std::string_view symbol) {
    if (!at_symbol(symbol)) return false;
    advance();
    return true;
  }
  void fail(const Token& at, const std::string& message) {
    if (failed_) return;
    failed_ = true;
    error_ = Error{"", "syntax error at " + describe_position(at) + ": " + message};
  }
  std::string found(const Token& token) const {
    if (token.kind == TokenKind::kEnd) return "the end of the expression";
    return "'" + token.text + "'";
  }
  void expect_word(std::string_view word) {
    if (!accept_word(word)) fail(peek(), "expected '" + std::string(word) + "', found " + found(peek()));
  }
  void expect_symbol(std::string_view symbol) {
    if (!accept_symbol(symbol)) {
      fail(peek(), "expected '" + std::string(symbol) + "', found " + found(peek()));
    }
  }
  std::string expect_identifier(const char* what) {
    const Token& token = peek();
    if (token.kind != TokenKind::kIdentifier || kReservedWords.count(token.text)) {
      fail(token, std::string("expected ") + what + ", found " + found(token));
      return "";
    }
    return advance().text;
  }

  // A node that starts at `start`, where it stands in the text (line, column, offset).
  NodePtr make(NodeKind kind, const Token& start) { return make_at(kind, start.line, start.column, start.offset); }
  // A node that starts where `first` does: an operator's, whose first operand comes before it.
  NodePtr make_from(NodeKind kind, const Node& first) {
    return make_at(kind, first.line, first.column, first.source_start);
  }
  NodePtr make_at(NodeKind kind, int line, int column, size_t source_start) {
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->line = line;
    node->column = column;
    node->source_start = source_start;
    return node;
  }
  // Closes a node: its source text runs from its first token to the last one consumed.
  NodePtr finish(NodePtr node) {
    if (previous_end_ > node->source_start) {
      node->source = std::string(source_.substr(node->source_start, previous_end_ - node->source_start));
    }
    int depth = 1;
    for (const NodePtr& child : node->children) {
      if (child) depth = std::max(depth, 1 + tree_depth_[child.get()]);
    }
    tree_depth_[node.get()] = depth;
    if (depth > kMaximumTreeDepth) fail(peek(), "the expression is nested deeper than " + std::to_string(kMaximumTreeDepth) + " levels");
    return node;
  }

  // Counts a level of recursion while it lives; past the limit the parse fails.
  class Nesting {
   public:
    explicit Nesting(Parser& parser) : parser_(parser) {
      if (++parser_.nesting_ > kMaximumNesting) {
        parser_.fail(parser_.peek(), "the expression nests deeper than " + std::to_string(kMaximumNesting) + " levels");
      }
    }
    ~Nesting() { --parser_.nesting_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    Parser& parser_;
  };
  NodePtr binary(NodeKind kind, const std::string& name, NodePtr left, NodePtr right) {
    auto node = make_from(kind, *left);
    node->name = name;
    node->children = {std::move(left), std::move(right)};
    return finish(node);
  }

  NodePtr expression() {
    if (failed_) return nullptr;
    if (at_word("if")) return conditional();
    return implies();
  }

  NodePtr conditional() {
    auto node = make(NodeKind::kIf, advance());
    node->children.push_back(expression());
    expect_word("then");
    node->children.push_back(expression());
    expect_word("else");
    node->children.push_back(expression());
    return finish(node);
  }

  NodePtr implies() {
    NodePtr left = disjunction();
    while (!failed_ && accept_word("implies")) left = binary(NodeKind::kImplies, "implies", left, disjunction());
    return left;
  }

  NodePtr disjunction() {
    NodePtr left = conjunction();
    while (!failed_) {
      if (accept_word("or")) {
        left = binary(NodeKind::kOr, "or", left, conjunction());
      } else if (accept_word("xor")) {
        left = binary(NodeKind::kXor, "xor", left, conjunction());
      } else {
        break;
      }
    }
    return left;
  }

  NodePtr conjunction() {
    NodePtr left = negation();
    while (!failed_ && accept_word("and")) left = binary(NodeKind::kAnd, "and", left, negation());
    return left;
  }

  NodePtr negation() {
    if (at_word("not")) {
      Nesting level(*this);
      if (failed_) return nullptr;
      return prefixed(NodeKind::kNot, &Parser::negation);
    }
    return comparison();
  }

  NodePtr comparison() {
    NodePtr left = additive();
    if (failed_) return left;
    static constexpr std::string_view kOperators[] = {"=", "!=", "<>", "<", "<=", ">", ">="};
    for (std::string_view op : kOperators) {
      if (at_symbol(op)) {
        advance();
        return binary(NodeKind::kCompare, op == "<>" ? "!=" : std::string(op), left, additive());
      }
    }
    if (at_word("is")) {
      advance();
      auto node = make_from(NodeKind::kIsNull, *left);
      node->negated = accept_word("not");
      expect_word("null");
      node->children.push_back(left);
      return finish(node);
    }
    if (at_word("in") || (at_word("not") && at_word("in", 1))) {
      auto node = make_from(NodeKind::kIn, *left);
      node->negated = accept_word("not");
      advance();  // in
      node->children.push_back(left);
      expect_symbol("(");
      do {
        node->children.push_back(expression());
      } while (!failed_ && accept_symbol(","));
      expect_symbol(")");
      return finish(node);
    }
    return left;
  }

  NodePtr additive() { return arithmetic("+", "-", &Parser::multiplicative); }
  NodePtr multiplicative() { return arithmetic("*", "/", &Parser::unary); }

  // One level of arithmetic: `operand`s joined by its two operators, from the left
  // (a - b - c is (a - b) - c).
  NodePtr arithmetic(std::string_view one, std::string_view other, NodePtr (Parser::*operand)()) {
    NodePtr left = (this->*operand)();
    while (!failed_ && (at_symbol(one) || at_symbol(other))) {
      std::string op = advance().text;
      left = binary(NodeKind::kArithmetic, op, left, (this->*operand)());
    }
    return left;
  }

  NodePtr unary() {
    // Every recursion of the grammar passes here (a value in parentheses, 'if', a call, a
    // query, 'latest ... within'), or through negation().
    Nesting level(*this);
    if (failed_) return nullptr;
    if (at_symbol("-")) return prefixed(NodeKind::kNegate, &Parser::unary);
    return postfix();
  }

  // A prefix operator (the current token) and its `operand`.
  NodePtr prefixed(NodeKind kind, NodePtr (Parser::*operand)()) {
    auto node = make(kind, advance());
    node->children.push_back((this->*operand)());
    return finish(node);
  }

  NodePtr postfix() {
    NodePtr node = primary();
    while (!failed_ && accept_symbol(".")) {
      auto member = make_from(NodeKind::kMember, *node);
      member->name = expect_identifier("a member name after '.'");
      member->children.push_back(node);
      node = finish(member);
    }
    return node;
  }

  NodePtr literal(const Token& start, Value value) {
    auto node = make(NodeKind::kLiteral, start);
    node->literal = std::move(value);
    return finish(node);
  }

  NodePtr number() {
    const Token& token = advance();
    double amount = std::strtod(token.text.c_str(), nullptr);
    if (peek().kind == TokenKind::kText) {
      std::string unit = advance().text;
      return literal(token, Value::OfQuantity(amount, unit));
    }
    if (peek().kind == TokenKind::kIdentifier && is_duration_word(peek().text)) {
      std::string word = advance().text;
      if (token.text.find('.') != std::string::npos) {
        fail(token, "a duration counts whole " + word + ", not " + token.text);
        return nullptr;
      }
      DurationUnit unit = duration_unit(word);
      long count = 0;
      const char* end = token.text.data() + token.text.size();
      auto [stop, problem] = std::from_chars(token.text.data(), end, count);
      if (problem != std::errc() || stop != end || count > most_counted(unit)) {
        fail(token, "a duration counts at most " + std::to_string(most_counted(unit)) + " " + word + ", in whole " + word +
                        ", not " + token.text);
        return nullptr;
      }
      return literal(token, Value::OfDuration(count, unit));
    }
    return literal(token, Value::Number(amount));
  }

  NodePtr primary() {
    if (failed_) return nullptr;
    const Token& token = peek();
    switch (token.kind) {
      case TokenKind::kNumber: return number();
      case TokenKind::kText: advance(); return literal(token, Value::Text(token.text));
      case TokenKind::kEnd:
        fail(token, "the expression ends where a value is expected");
        return nullptr;
      case TokenKind::kSymbol:
        if (accept_symbol("(")) {
          NodePtr inner = expression();
          expect_symbol(")");
          return inner;
        }
        fail(token, "expected a value, found '" + token.text + "'");
        return nullptr;
      case TokenKind::kIdentifier: break;
    }
    const std::string& word = token.text;
    if (word == "true" || word == "false") {
      advance();
      return literal(token, Value::Boolean(word == "true"));
    }
    if (word == "null") {
      advance();
      return literal(token, Value::Unknown());
    }
    if (word == "if") return conditional();
    if (word == "latest") return latest();
    if (word == "exists") {
      advance();
      return query(token, "exists");
    }
    if ((word == "years" || word == "months" || word == "days" || word == "weeks") &&
        at_word("between", 1)) {
      return between();
    }
    if (kReservedWords.count(word)) {
      fail(token, "expected a value, found '" + word + "'");
      return nullptr;
    }
    advance();
    if (at_symbol("(")) return call(token);
    auto node = make(NodeKind::kName, token);
    node->name = word;
    return finish(node);
  }

  NodePtr latest() {
    auto node = make(NodeKind::kLatest, advance());
    node->name = expect_identifier("an observation code after 'latest'");
    if (accept_word("within")) node->children.push_back(additive());
    return finish(node);
  }

  // exists (source Alias where condition), Count(source Alias where condition)
  NodePtr query(const Token& start, const std::string& name) {
    auto node = make(NodeKind::kQuery, start);
    node->name = name;
    expect_symbol("(");
    const Token& source_token = peek();
    auto source = make(NodeKind::kName, source_token);
    source->name = expect_identifier("a list to query");
    node->children.push_back(finish(source));
    node->alias = expect_identifier("an alias for each entry (for example T)");
    expect_word("where");
    node->children.push_back(expression());
    expect_symbol(")");
    return finish(node);
  }

  NodePtr between() {
    auto node = make(NodeKind::kBetween, advance());
    node->name = token_text_before();
    advance();  // between
    node->children.push_back(additive());
    expect_word("and");
    node->children.push_back(additive());
    return finish(node);
  }
  std::string token_text_before() const { return tokens_[position_ - 1].text; }

  NodePtr call(const Token& name_token) {
    if (name_token.text == "Count") return query(name_token, "Count");
    auto node = make(NodeKind::kCall, name_token);
    node->name = name_token.text;
    expect_symbol("(");
    if (!at_symbol(")")) {
      do {
        node->children.push_back(expression());
      } while (!failed_ && accept_symbol(","));
    }
    expect_symbol(")");
    return finish(node);
  }

  std::string_view source_;
  std::vector<Token> tokens_;
  size_t position_ = 0;
  size_t previous_end_ = 0;
  bool failed_ = false;
  Error error_;
  int nesting_ = 0;
  std::unordered_map<const Node*, int> tree_depth_;
};

}  // namespace

Result<NodePtr> parse_expression(std::string_view source) {
  auto tokens = tokenize(source);
  if (!tokens.ok()) return tokens.error();
  return Parser(source, std::move(*tokens)).parse();
}

}  // namespace trialcore::expr
