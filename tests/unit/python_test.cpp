#include <algorithm>

#include "frontends/python/module_facts.h"
#include "frontends/python/python_parser.h"
#include "test_support.h"
#include "../tools/lexer_skim_check.h"

using namespace cfglint;
using namespace cfglint::py;

namespace {
std::vector<std::string> imports(const Module& m) {
  std::vector<std::string> out;
  for (const auto& i : module_facts(m).imports) out.push_back((i.from ? std::to_string(i.level) + ":" + i.module + "." + i.name : i.module));
  return out;
}
}  // namespace

TEST_CASE("python: strings, prefixes and f-strings with nested quotes") {
  bool f = false, b = false;
  CHECK(decode_string_literal(R"('a\'b\n')", f, b) == "a'b\n");
  CHECK(decode_string_literal(R"(r'\d+')", f, b) == "\\d+");
  CHECK(decode_string_literal(R"(b"\x41")", f, b) == "A");
  CHECK(b);
  CHECK(decode_string_literal("'''x\ny'''", f, b) == "x\ny");
  CHECK(decode_string_literal(R"('text \\ more\ttext\x41 end')", f, b) == "text \\ more\ttextA end");  // runs between escapes
  CHECK(decode_string_literal("'\\q\\\njoined'", f, b) == "\\qjoined");  // an unknown escape stays; backslash-newline joins
  auto m = parse_module("x = f\"{d[\"key\"]} {y!r:>{width}}\"\nimport os\n");
  CHECK(m.errors.empty());
  CHECK(imports(m) == std::vector<std::string>{"os"});
  REQUIRE(m.body.size() == 2);
  CHECK(m.body[0]->value->kind == Expr::K::FString);
  // A backslash never escapes a brace in an f-string (nautobot's rf"(\{{%\s*extends)"), and \N{...} is
  // one escape in a non-raw f-string: both lexed as CPython does.
  auto braces = parse_module("p = rf\"(\\{{%\\s*extends\\s*['\\\"]){x}(['\\\"])\"\nq = f\"\\N{EM DASH} {y}\"\nimport re\n");
  CHECK(braces.errors.empty());
  CHECK(imports(braces) == std::vector<std::string>{"re"});
}

TEST_CASE("python: statements, positions and import-time facts") {
  std::string src =
      "import a.b as c\nfrom ..pkg import (x as y,\n    z,)\nif TYPE_CHECKING:\n    from m import T\n"
      "def f():\n    import inside\n    get_user_model()\nclass K(Base):\n    U = get_user_model()\n"
      "if __name__ == \"__main__\":\n    import main_only\nUser = get_user_model()\n";
  auto m = parse_module(src);
  REQUIRE(m.errors.empty());
  auto f = module_facts(m);
  REQUIRE(f.imports.size() == 5);
  CHECK(f.imports[1].level == 2);
  CHECK(f.imports[1].module == "pkg");
  CHECK(f.imports[1].asname == "y");
  CHECK(f.imports[3].type_checking);
  CHECK(f.imports[4].main_guard);
  CHECK(f.imports[4].module == "main_only");
  // the call inside def f() does not run at import; the class body's and the module's do
  std::vector<std::string> calls;
  for (const auto& c : f.calls) calls.push_back(c.callee);
  CHECK(std::count(calls.begin(), calls.end(), "get_user_model") == 2);
  LineIndex lines(src);
  CHECK(lines.at(src, f.imports[2].offset).line == 2);
}

TEST_CASE("python: one bad statement does not hide the rest of the module") {
  auto m = parse_module("import ok1\nx = = 2\ndef broken() pass\n    pass\nimport ok2\n");
  REQUIRE(!m.errors.empty());
  CHECK(imports(m) == std::vector<std::string>{"ok1", "ok2"});
}

TEST_CASE("python: hostile input") {
  SECTION("100k nested brackets") {
    auto m = parse_module("x = " + std::string(100000, '(') + std::string(100000, ')') + "\nimport after\n");
    REQUIRE(!m.errors.empty());
    CHECK(m.errors[0].message.find("too deep") != std::string::npos);
  }
  SECTION("binary") {
    std::string bin;
    for (int i = 0; i < 4096; ++i) bin += static_cast<char>(i % 256);
    auto m = parse_module(bin);
    CHECK(!m.errors.empty());
  }
  SECTION("truncated") {
    CHECK(!parse_module("def f(:\n  x = \"\"\"never closed\n").errors.empty());
    CHECK(!parse_module("x = [1, 2,\n").errors.empty());
    CHECK(!parse_module("if x:\nprint(1)\n").errors.empty());
  }
  SECTION("deep blocks parse") {
    std::string s;
    for (int i = 0; i < 60; ++i) s += std::string(static_cast<size_t>(i) * 4, ' ') + "if x:\n";
    s += std::string(240, ' ') + "import deep\n";
    auto m = parse_module(s);
    CHECK(m.errors.empty());
    CHECK(imports(m) == std::vector<std::string>{"deep"});
  }
  SECTION("CRLF and BOM") {
    auto m = parse_module("\xEF\xBB\xBFimport a\r\nif x:\r\n    import b\r\n");
    CHECK(m.errors.empty());
    CHECK(imports(m) == std::vector<std::string>{"a", "b"});
  }
}

TEST_CASE("python: skipping function bodies keeps the module-level facts") {
  std::string src = "import a\ndef f(x=[i for i in range(3)]) -> int:\n    import b\n    if x:\n        return (\n  1)\nclass C:\n    def m(self): return 1\n    import c\nimport d\n";
  ParseLimits lim;
  lim.skip_function_bodies = true;
  auto fast = parse_module(src, lim);
  auto full = parse_module(src);
  REQUIRE(fast.errors.empty());
  CHECK(imports(fast) == imports(full));
  CHECK(imports(fast) == std::vector<std::string>{"a", "d"});
}

TEST_CASE("python: skimmed def bodies give the full lexer's errors and layout") {
  // Each body holds what could end it early or late, or an error Python would raise on import.
  const std::string cases[] = {
      "def f():\n    x = \"unterminated\n    y = 1\nimport a\n",
      "def f():\n    x = $ ? `\nimport a\n",
      "def f():\n        a\n    b\nimport c\n",                // unindent to no level: ends the body
      "def f():\n    if x:\n        a\n      b\nimport c\n",  // a bad unindent inside the body
      "def f():\n    x = (\n1,\n  2)\nimport a\n",            // brackets join lines at any indentation
      "def f():\n    x = (\n",                                // a bracket never closed
      "def f():\n    s = f\"{d[\"k\"]:>{w}}\"\n    t = rb'\\''\nimport a\n",
      "def f():\r\n\tif x:\r\n\t\treturn 1\r\nimport a\r\n",
      "def f():\n    y = 1rb\"x\n    z = 1f'{'\nimport a\n",  // a prefix after a number
      "async def f():\n    '''doc\n'''\n    \\\n  x\nimport a\n",
      std::string("def f():\n    x = 0\0\nimport a\n", 29),   // NUL after 0: no radix prefix
      "def f(): # a comment\n    pass\nclass A:\n    def m(self) -> dict[str, int]:\n        return {1: 2}\n    import b\n",
      "def f():\n\f    x\n  \f  y\nimport a\n",
      "def f():\n  x \\\n",
      "def f():\n    a = \"\"\"\n",
      "def f():\nimport a\n",
      "def f(x=lambda: 1):\n    def g():\n        return x\n    return g\n\n\n# after\nimport a",
      "def f():\n    x = 1 \\ y\n    z = '\\\n'\nimport a\n",
  };
  for (const auto& c : cases) {
    INFO(c);
    CHECK(skim_difference(c) == "");
  }
  CHECK(!tokenize(cases[10], true).errors.empty());  // the NUL is an invalid character in both
  // a skimmed body is empty between its INDENT and DEDENT
  auto skimmed = tokenize("def f():\n    return 1\nimport a\n", true).tokens;
  REQUIRE(skimmed.size() > 7);
  CHECK(skimmed[6].kind == Tok::Indent);
  CHECK(skimmed[7].kind == Tok::Dedent);
}

TEST_CASE("python: a string token spans its prefix and both quotes") {
  for (bool skim : {false, true}) {
    std::string_view src = "x = rb'a' \"\"\"b\"\"\" f'{y}'\n";
    auto toks = tokenize(src, skim).tokens;
    REQUIRE(toks.size() >= 6);
    CHECK(toks[2].text(src) == "rb'a'");
    CHECK(toks[3].text(src) == "\"\"\"b\"\"\"");
    CHECK(toks[4].text(src) == "f'{y}'");
  }
}

TEST_CASE("python: a moved module's tree still points at live nodes") {
  auto m = parse_module("class A:\n  x = [f(i) for i in range(3)]\ny = 1\n");
  Module moved = std::move(m);  // the tree's pointers still point at live nodes
  REQUIRE(moved.body.size() == 2);
  CHECK(moved.body[0]->body.size() == 1);
  CHECK(moved.body[1]->value->text == "1");
}
