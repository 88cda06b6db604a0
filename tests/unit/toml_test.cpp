#include "test_support.h"

#include "frontends/toml/toml_frontend.h"

using namespace cfglint;

namespace {
ParsedTree parse(const std::string& text) {
  LineIndex lines(text);
  return parse_toml(text, lines);
}
}  // namespace

TEST_CASE("toml: tables, arrays and positions") {
  auto t = parse("[project]\nname = \"app\"\ndependencies = [\"Django>=4.2\", \"django-csp==4.0\"]\n");
  REQUIRE(t.errors.empty());
  const Node* deps = t.documents[0].root->get("project")->get("dependencies");
  REQUIRE(deps->is_seq());
  CHECK(deps->items[1]->text == "django-csp==4.0");
  CHECK(deps->items[1]->range.begin.line == 3);
  CHECK(t.documents[0].root->get("project")->get("name")->range.begin == Position{2, 8});
}

TEST_CASE("toml: bad input") {
  SECTION("syntax error has a position") {
    auto t = parse("[tool.poetry\nname = 1\n");
    REQUIRE(t.errors.size() == 1);
    CHECK(t.errors[0].range.begin.line == 1);
    CHECK(t.documents.empty());
  }
  SECTION("deep nesting is refused before toml++ recurses") {
    auto t = parse("a = " + std::string(100000, '[') + std::string(100000, ']'));
    REQUIRE(t.errors.size() == 1);
    CHECK(t.errors[0].message.find("deeper") != std::string::npos);
  }
  SECTION("brackets inside strings and comments do not count as nesting") {
    auto t = parse("a = \"" + std::string(1000, '[') + "\"\n# " + std::string(1000, '{') + "\n");
    CHECK(t.errors.empty());
  }
  SECTION("invalid UTF-8") { CHECK(!parse("a = \"\xff\"\n").errors.empty()); }
  SECTION("duplicate keys are a parse error in TOML") { CHECK(!parse("a = 1\na = 2\n").errors.empty()); }
}
