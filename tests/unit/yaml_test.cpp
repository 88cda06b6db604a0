#include "test_support.h"
#include <string>

#include "frontends/yaml/yaml_parser.h"

using namespace cfglint;

namespace {
ParsedTree parse(const std::string& text, TreeSyntax syntax = TreeSyntax::Yaml) {
  LineIndex lines(text);
  return parse_yaml(text, lines, syntax);
}
}  // namespace

TEST_CASE("yaml: maps, sequences and scalars keep exact positions") {
  auto t = parse("services:\n  web:\n    image: \"app:1\"\n    ports: [80, 443]\n");
  REQUIRE(t.errors.empty());
  REQUIRE(t.documents.size() == 1);
  const Node* web = t.documents[0].root->get("services")->get("web");
  REQUIRE(web);
  const Node* image = web->get("image");
  CHECK(image->text == "app:1");
  CHECK(image->quoted);
  CHECK(image->range.begin == Position{3, 12});
  CHECK(image->range.end == Position{3, 19});
  const Node* ports = web->get("ports");
  REQUIRE(ports->is_seq());
  CHECK(ports->items.size() == 2);
  CHECK(ports->items[1]->range.begin == Position{4, 17});
  CHECK(ports->flat_text() == "80 443");
}

TEST_CASE("yaml: every duplicate key is reported, not just the first") {
  auto t = parse("a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n  x: 3\n");
  REQUIRE(t.duplicates.size() == 3);
  CHECK(t.duplicates[0].key == "a");
  CHECK(t.duplicates[0].first.begin.line == 1);
  CHECK(t.duplicates[0].duplicate.begin.line == 3);
  CHECK(t.duplicates[2].duplicate.begin.line == 7);
  CHECK(t.documents[0].root->get("a")->text == "3");  // last one wins, as loaders do
}

TEST_CASE("yaml: anchors, aliases and merge keys") {
  auto t = parse(
      "x: &base\n  restart: always\n  image: a\ny: &more\n  user: app\n"
      "s1:\n  <<: *base\n  image: b\n"
      "s2:\n  <<: [*more, *base]\n"
      "s3: *base\n");
  REQUIRE(t.errors.empty());
  const Node* root = t.documents[0].root;
  CHECK(root->get("s1")->get("restart")->text == "always");
  CHECK(root->get("s1")->get("image")->text == "b");  // explicit key wins over the merge
  CHECK(root->get("s2")->get("user")->text == "app");
  CHECK(root->get("s2")->get("image")->text == "a");
  CHECK(root->get("s3")->get("image")->text == "a");
  CHECK(root->get("s1")->get("<<") == nullptr);
  CHECK(t.duplicates.empty());  // a merged key is not a duplicate
}

TEST_CASE("yaml: multi-document streams") {
  auto t = parse("a: 1\n---\nb: 2\n---\n");
  REQUIRE(t.documents.size() == 3);
  CHECK(t.documents[1].root->get("b")->range.begin.line == 3);
  CHECK(t.documents[2].root->is_null());
}

TEST_CASE("yaml: null, plain and quoted scalars") {
  auto t = parse("a:\nb: ~\nc: null\nd: 'null'\ne: yes\n");
  const Node* r = t.documents[0].root;
  CHECK(r->get("a")->is_null());
  CHECK(r->get("b")->is_null());
  CHECK(r->get("c")->is_null());
  CHECK(r->get("d")->is_scalar());
  CHECK(r->get("e")->is_true());
}

TEST_CASE("yaml: a BOM and CRLF line ends do not shift positions") {
  auto t = parse("\xEF\xBB\xBF" "a: 1\r\nb:\r\n  c: x\r\n");
  REQUIRE(t.errors.empty());
  const Node* c = t.documents[0].root->get("b")->get("c");
  CHECK(c->range.begin == Position{3, 6});
  CHECK(t.documents[0].root->get("a")->range.begin == Position{1, 4});
}

TEST_CASE("yaml: columns count code points, not bytes") {
  auto t = parse("k: \"héllo\"\nn: ünïcode\n");
  CHECK(t.documents[0].root->get("n")->range.begin == Position{2, 4});
  CHECK(t.documents[0].root->get("k")->range.end == Position{1, 11});
}

TEST_CASE("yaml: syntax errors have a position and keep completed documents") {
  auto t = parse("a: 1\n---\nb: \"open\n");
  REQUIRE(t.errors.size() == 1);
  CHECK(t.errors[0].range.begin.line == 3);
  CHECK(t.documents.size() == 1);  // the broken second document is dropped
}

TEST_CASE("yaml: each file's parse starts clean, whatever the file before it did") {
  // The parser of a thread is reused between files: an error, a limit, an anchor, a JSON file must not
  // reach the next file.
  for (int round = 0; round < 2; ++round) {
    auto broken = parse("a: 1\nb: \"open\n");
    REQUIRE(broken.errors.size() == 1);
    CHECK(broken.errors[0].range.begin.line == 2);
    auto fine = parse("x: &anchor 1\ny: *anchor\n");
    CHECK(fine.errors.empty());
    REQUIRE(fine.documents.size() == 1);
    auto other = parse("k: v\n- item\n");
    REQUIRE(other.errors.size() == 1);
    CHECK(other.errors[0].range.begin.line == 2);  // its own error, not the first file's
    auto deep = parse(std::string(100000, '[') + std::string(100000, ']'));
    REQUIRE(!deep.errors.empty());
    auto json = parse("{\"a\": 1}", TreeSyntax::Json);
    CHECK(json.errors.empty());
    auto alias_free = parse("y: *anchor\n");  // the earlier file's anchor is unknown here
    CHECK(!alias_free.errors.empty());
    auto again = parse("services:\n  web:\n    image: nginx\n");
    CHECK(again.errors.empty());
    REQUIRE(again.documents.size() == 1);
    CHECK(again.documents[0].root->get("services"));
  }
}

TEST_CASE("yaml: hostile input gives a diagnostic, never a crash or hang") {
  SECTION("invalid UTF-8 (libfyaml 0.7.12 loops forever on %\\xff)") {
    auto t = parse("%\xff\n");
    REQUIRE(t.errors.size() == 1);
    CHECK(t.errors[0].message.find("UTF-8") != std::string::npos);
  }
  SECTION("binary") {
    std::string bin;
    for (int i = 0; i < 2048; ++i) bin += static_cast<char>(i % 256);
    auto t = parse(bin);
    REQUIRE(!t.errors.empty());
    CHECK(t.documents.empty());
  }
  SECTION("NUL bytes in otherwise valid text") {
    auto t = parse(std::string("a: 1\n\0b: 2\n", 11));
    REQUIRE(!t.errors.empty());
    CHECK(t.errors[0].message.find("NUL") != std::string::npos);
  }
  SECTION("truncated") {
    auto t = parse("services:\n  web:\n    command: [\"a\", ");
    REQUIRE(!t.errors.empty());
  }
  SECTION("100k levels of flow nesting") {
    auto t = parse(std::string(100000, '[') + std::string(100000, ']'));
    REQUIRE(!t.errors.empty());
    CHECK(t.errors[0].message.find("deeper") != std::string::npos);
    CHECK(t.documents.empty());
  }
  SECTION("deep block nesting") {
    std::string s;
    for (int i = 0; i < 3000; ++i) s += std::string(i, ' ') + "k:\n";
    auto t = parse(s);
    REQUIRE(!t.errors.empty());
    CHECK(t.errors[0].message.find("deeper") != std::string::npos);
  }
  SECTION("billion laughs") {
    std::string s = "a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n";
    for (int i = 1; i < 10; ++i) {
      s += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int k = 0; k < 10; ++k) s += (k ? ",*a" : "*a") + std::to_string(i - 1);
      s += "]\n";
    }
    auto t = parse(s);
    REQUIRE(!t.errors.empty());
    CHECK(t.errors[0].message.find("alias bomb") != std::string::npos);
    CHECK(t.documents.empty());
  }
  SECTION("merge-key bomb") {
    std::string s = "m0: &m0 {a: 1, b: 2, c: 3}\n";
    for (int i = 1; i < 40; ++i) s += "m" + std::to_string(i) + ": &m" + std::to_string(i) + " {<<: *m" + std::to_string(i - 1) + ", k" + std::to_string(i) + ": [*m" + std::to_string(i - 1) + ", *m" + std::to_string(i - 1) + "]}\n";
    auto t = parse(s);
    REQUIRE(!t.errors.empty());
  }
  SECTION("10 MB of plain, legitimate YAML is analysed") {
    std::string s = "items:\n";
    while (s.size() < 10u << 20) s += "  - name: item\n    value: 12345\n";
    auto t = parse(s);
    CHECK(t.errors.empty());
    REQUIRE(t.documents.size() == 1);
    CHECK(t.documents[0].root->get("items")->items.size() > 300000);
  }
  SECTION("alias to an unknown anchor") {
    auto t = parse("a: *nope\n");
    REQUIRE(!t.errors.empty());
  }
}

TEST_CASE("json: parsed through the same tree, duplicates and positions included") {
  auto t = parse("{\n  \"family\": \"web\",\n  \"cpu\": 256,\n  \"cpu\": 512\n}\n", TreeSyntax::Json);
  REQUIRE(t.errors.empty());
  REQUIRE(t.duplicates.size() == 1);
  CHECK(t.duplicates[0].duplicate.begin.line == 4);
  CHECK(t.documents[0].root->get("family")->text == "web");
}

TEST_CASE("json: errors and depth limits") {
  CHECK(!parse("{\"a\": [1, 2", TreeSyntax::Json).errors.empty());
  CHECK(!parse(std::string(100000, '[') + std::string(100000, ']'), TreeSyntax::Json).errors.empty());
  CHECK(!parse("{\"a\": \"\xc3\x28\"}", TreeSyntax::Json).errors.empty());
}
