// Template "path": a declarative rule over structured documents (YAML, JSON, TOML).
// `path` selects nodes (`services.*.healthcheck.test`, `[0]`, `[*]`); every `where` condition, each
// relative to the selected node, must hold; the finding is reported at the node (or at `report_at`).
#include "checks/declarative/path_check.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>

namespace cfglint {
namespace {

struct Segment {
  enum class Kind { Key, Any, Index } kind;
  std::string key;
  size_t index = 0;
};

bool parse_path(std::string_view p, std::vector<Segment>& out, std::string& error) {
  size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '.') { ++i; continue; }
    if (p[i] == '[') {
      size_t close = p.find(']', i);
      if (close == std::string_view::npos) { error = "unclosed '[' in path"; return false; }
      std::string_view inner = p.substr(i + 1, close - i - 1);
      if (inner == "*") out.push_back({Segment::Kind::Any, {}, 0});
      else {
        size_t n = 0;
        for (char c : inner) {
          if (c < '0' || c > '9') { error = "index in path must be a number or *"; return false; }
          n = n * 10 + static_cast<size_t>(c - '0');
        }
        out.push_back({Segment::Kind::Index, {}, n});
      }
      i = close + 1;
      continue;
    }
    size_t e = p.find_first_of(".[", i);
    if (e == std::string_view::npos) e = p.size();
    std::string_view k = p.substr(i, e - i);
    if (k == "*") out.push_back({Segment::Kind::Any, {}, 0});
    else out.push_back({Segment::Kind::Key, std::string(k), 0});
    i = e;
  }
  return true;
}

struct Match {
  const Node* node;
  const Node* key;  // the key that led here (nullptr for sequence items and the root)
  std::vector<std::string> captures;
};

void select(const Node* n, const Node* key, const std::vector<Segment>& path, size_t at, std::vector<std::string>& caps,
            std::vector<Match>& out, size_t& budget) {
  if (!n || budget == 0) return;
  --budget;
  if (at == path.size()) {
    out.push_back({n, key, caps});
    return;
  }
  const Segment& s = path[at];
  switch (s.kind) {
    case Segment::Kind::Key:
      if (n->is_map())
        for (const auto& [k, v] : n->entries)
          if (k->text == s.key) select(v, k, path, at + 1, caps, out, budget);
      break;
    case Segment::Kind::Index:
      if (n->is_seq() && s.index < n->items.size()) select(n->items[s.index], nullptr, path, at + 1, caps, out, budget);
      break;
    case Segment::Kind::Any:
      if (n->is_map()) {
        for (const auto& [k, v] : n->entries) {
          caps.push_back(k->text);
          select(v, k, path, at + 1, caps, out, budget);
          caps.pop_back();
        }
      } else if (n->is_seq()) {
        for (size_t i = 0; i < n->items.size(); ++i) {
          caps.push_back(std::to_string(i));
          select(n->items[i], nullptr, path, at + 1, caps, out, budget);
          caps.pop_back();
        }
      }
      break;
  }
}

struct Condition {
  std::vector<Segment> at;
  std::unique_ptr<RE2> matches, not_matches;
  std::optional<bool> present;
  std::string is;
  std::vector<std::string> one_of;
};

class PathCheck final : public Check {
 public:
  using Check::Check;

  bool configure(std::string& error) {
    auto path = rule_.params["path"].value<std::string>();
    if (!path) { error = "`path` is required (e.g. \"services.*.healthcheck.test\")"; return false; }
    if (!parse_path(*path, path_, error)) return false;
    if (auto r = rule_.params["report_at"].value<std::string>())
      if (!parse_path(*r, report_at_, error)) return false;
    message_ = rule_.params["message"].value_or(rule_.summary);
    for (size_t i = message_.find("{."); i != std::string::npos; i = message_.find("{.", i + 1)) {
      size_t close = message_.find('}', i);
      if (close == std::string::npos) break;
      std::string name = message_.substr(i + 1, close - i - 1);
      std::vector<Segment> rel;
      if (!parse_path(name.substr(1), rel, error)) return false;
      relative_vars_.emplace_back(name, std::move(rel));
    }
    if (rule_.files.empty()) { error = "`files` must name the file kinds to read (e.g. [\"compose\"])"; return false; }
    if (const auto* where = rule_.params["where"].as_array()) {
      for (const auto& w : *where) {
        const auto* t = w.as_table();
        if (!t) { error = "each `where` entry must be a table"; return false; }
        Condition c;
        if (!parse_path((*t)["at"].value_or(std::string()), c.at, error)) return false;
        RE2::Options o;
        o.set_log_errors(false);
        if (auto m = (*t)["matches"].value<std::string>()) {
          c.matches = std::make_unique<RE2>(*m, o);
          if (!c.matches->ok()) { error = "`matches` is not a valid RE2 regex: " + c.matches->error(); return false; }
        }
        if (auto m = (*t)["not_matches"].value<std::string>()) {
          c.not_matches = std::make_unique<RE2>(*m, o);
          if (!c.not_matches->ok()) { error = "`not_matches` is not a valid RE2 regex: " + c.not_matches->error(); return false; }
        }
        if (auto a = (*t)["absent"].value<bool>()) c.present = !*a;
        if (auto p = (*t)["present"].value<bool>()) c.present = *p;
        c.is = (*t)["is"].value_or(std::string());
        if (!c.is.empty() && c.is != "map" && c.is != "seq" && c.is != "scalar" && c.is != "string" && c.is != "null") {
          error = "`is` must be one of map, seq, scalar, string, null";
          return false;
        }
        if (const auto* arr = (*t)["one_of"].as_array())
          for (const auto& v : *arr)
            if (auto s = v.value<std::string>()) c.one_of.push_back(*s);
        where_.push_back(std::move(c));
      }
    }
    return true;
  }

  void check_file(const FileUnit& unit, std::vector<Finding>& out) const override {
    if (!unit.tree) return;
    for (const auto& doc : unit.tree->documents) {
      std::vector<Match> matches;
      std::vector<std::string> caps;
      size_t budget = 200000;
      select(doc.root, nullptr, path_, 0, caps, matches, budget);
      for (const auto& m : matches) {
        if (!holds(m.node)) continue;
        const Node* at = m.node;
        const Node* key = m.key;
        if (!report_at_.empty()) {
          std::vector<Match> r;
          std::vector<std::string> c2;
          size_t b2 = 10000;
          select(m.node, m.key, report_at_, 0, c2, r, b2);
          if (!r.empty()) { at = r[0].node; key = r[0].key; }
        }
        Range range = (at->is_map() && key) ? key->range : at->range;
        std::vector<Location> related;
        if (at != m.node && !within(at->range, m.node->range) && m.key) {
          // The value came through a YAML anchor or merge key: point at the entry that uses it,
          // and show where the value is written.
          related.push_back({unit.source.path, range, "the value is written here and merged in with a YAML anchor"});
          range = m.key->range;
        }
        std::vector<std::pair<std::string, std::string>> vars{{"value", at->flat_text()}, {"key", key ? key->text : ""}};
        for (size_t i = 0; i < m.captures.size(); ++i) vars.emplace_back(std::to_string(i + 1), m.captures[i]);
        for (const auto& [name, rel] : relative_vars_) {  // {.restart}: text of the node at a relative path
          std::vector<Match> r;
          std::vector<std::string> c2;
          size_t b2 = 1000;
          select(m.node, m.key, rel, 0, c2, r, b2);
          vars.emplace_back(name, r.empty() ? "" : r[0].node->flat_text());
        }
        Finding f = finding(unit.source.path, range, format_message(message_, vars));
        f.related = std::move(related);
        out.push_back(std::move(f));
      }
    }
  }

  static bool within(const Range& inner, const Range& outer) { return outer.begin <= inner.begin && inner.end <= outer.end; }

 private:
  bool holds(const Node* n) const {
    for (const auto& c : where_) {
      std::vector<Match> found;
      std::vector<std::string> caps;
      size_t budget = 10000;
      select(n, nullptr, c.at, 0, caps, found, budget);
      if (c.present && (*c.present != !found.empty())) return false;
      if (c.present && !*c.present) continue;  // absent: nothing else to test
      bool any = false;
      for (const auto& f : found) {
        const Node* x = f.node;
        std::string text = x->flat_text();
        if (!c.is.empty()) {
          bool ok = (c.is == "map" && x->is_map()) || (c.is == "seq" && x->is_seq()) ||
                    (c.is == "scalar" && x->is_scalar()) || (c.is == "string" && x->is_scalar() && x->quoted) ||
                    (c.is == "null" && x->is_null());
          if (!ok) continue;
        }
        if (c.matches && !RE2::PartialMatch(text, *c.matches)) continue;
        if (c.not_matches && RE2::PartialMatch(text, *c.not_matches)) continue;
        if (!c.one_of.empty() && std::find(c.one_of.begin(), c.one_of.end(), text) == c.one_of.end()) continue;
        any = true;
        break;
      }
      if (!any) return false;
    }
    return true;
  }

  std::vector<Segment> path_, report_at_;
  std::vector<Condition> where_;
  std::string message_;
  std::vector<std::pair<std::string, std::vector<Segment>>> relative_vars_;
};

}  // namespace

TemplateInfo path_template() {
  return {"path", "Declarative: conditions on nodes selected by a path in YAML, JSON or TOML documents.",
          "path, where = [{at, matches, not_matches, absent, present, is, one_of}], report_at, message ({value}, {key}, {1}..), files",
          [](const RuleSpec& rule, const RuleCatalog&, std::string& error) -> std::unique_ptr<Check> {
            auto c = std::make_unique<PathCheck>(rule);
            if (!c->configure(error)) return nullptr;
            return c;
          }};
}

}  // namespace cfglint
