#include "frontends/toml/toml_frontend.h"

#include <toml++/toml.h>

#include <sstream>

#include "core/strings.h"

namespace cfglint {
namespace {

Range range_of(const toml::source_region& r) {
  Range out;
  out.begin = {static_cast<uint32_t>(r.begin.line), static_cast<uint32_t>(r.begin.column)};
  out.end = {static_cast<uint32_t>(r.end.line), static_cast<uint32_t>(r.end.column)};
  if (out.end < out.begin) out.end = out.begin;
  return out;
}

class Converter {
 public:
  Converter(Document& doc, const TreeLimits& limits, ParsedTree& out) : doc_(doc), limits_(limits), out_(out) {}

  Node* convert(const toml::node& n, size_t depth) {
    Node* out = doc_.make();
    out->range = range_of(n.source());
    if (depth > limits_.max_depth) {
      if (!reported_depth_) out_.errors.push_back({out->range, "nesting is deeper than " + std::to_string(limits_.max_depth) + " levels"});
      reported_depth_ = true;
      return out;
    }
    if (const auto* t = n.as_table()) {
      out->kind = Node::Kind::Map;
      for (const auto& [k, v] : *t) {
        Node* key = doc_.make();
        key->kind = Node::Kind::Scalar;
        key->quoted = true;
        key->text = std::string(k.str());
        key->range = range_of(k.source());
        Node* val = convert(v, depth + 1);
        out->entries.emplace_back(key, val);
        out->weight += val->weight + 1;
      }
    } else if (const auto* a = n.as_array()) {
      out->kind = Node::Kind::Seq;
      for (const auto& v : *a) {
        Node* val = convert(v, depth + 1);
        out->items.push_back(val);
        out->weight += val->weight;
      }
    } else {
      out->kind = Node::Kind::Scalar;
      if (const auto* s = n.as_string()) {
        out->text = s->get();
        out->quoted = true;
      } else if (const auto* i = n.as_integer()) {
        out->text = std::to_string(i->get());
      } else if (const auto* f = n.as_floating_point()) {
        out->text = std::to_string(f->get());
      } else if (const auto* b = n.as_boolean()) {
        out->text = b->get() ? "true" : "false";
      } else {
        std::ostringstream ss;
        n.visit([&](const auto& v) { ss << v; });
        out->text = ss.str();
      }
    }
    return out;
  }

 private:
  Document& doc_;
  const TreeLimits& limits_;
  ParsedTree& out_;
  bool reported_depth_ = false;
};

}  // namespace

ParsedTree parse_toml(std::string_view text, const LineIndex& lines, const TreeLimits& limits) {
  ParsedTree out;
  size_t bad = 0;
  if (!valid_utf8(text, &bad)) {
    Position p = lines.at(text, bad);
    out.errors.push_back({{p, {p.line, p.column + 1}}, "the file is not valid UTF-8 (byte offset " + std::to_string(bad) + ")"});
    return out;
  }
  // toml++ parses recursively; refuse pathological nesting before it can exhaust the stack.
  size_t depth = 0, max_seen = 0;
  bool in_string = false;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote || c == '\n') in_string = false;
      continue;
    }
    if (c == '"' || c == '\'') { in_string = true; quote = c; }
    else if (c == '#') { while (i < text.size() && text[i] != '\n') ++i; }
    else if (c == '[' || c == '{') { max_seen = std::max(max_seen, ++depth); }
    else if ((c == ']' || c == '}') && depth > 0) --depth;
    if (max_seen > limits.max_depth) {
      Position p = lines.at(text, i);
      out.errors.push_back({{p, {p.line, p.column + 1}}, "nesting is deeper than " + std::to_string(limits.max_depth) + " levels"});
      return out;
    }
  }
  try {
    toml::table table = toml::parse(text);
    out.documents.emplace_back();
    Converter conv(out.documents.back(), limits, out);
    out.documents.back().root = conv.convert(table, 0);
  } catch (const toml::parse_error& e) {
    Range r = range_of(e.source());
    if (r.begin.line == 0) r = {{1, 1}, {1, 1}};
    out.errors.push_back({r, std::string(e.description())});
  }
  return out;
}

}  // namespace cfglint
