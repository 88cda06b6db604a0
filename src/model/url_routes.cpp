#include "model/url_routes.h"

#include <re2/re2.h>

#include "core/strings.h"
#include "frontends/python/module_facts.h"
#include "model/project.h"
#include "model/python_model.h"

namespace cfglint {
namespace {

constexpr int kMaxIncludeDepth = 8;
// URLconfs that include each other with empty prefixes fan out: at most this many modules are read per
// question, then the answer is unknown.
constexpr size_t kMaxModuleVisits = 256;

// A path() route as the regex Django builds: literal text quoted, <converter:name> by its pattern.
// nullopt for a converter the project registers itself.
std::optional<std::string> route_regex(const std::string& route) {
  std::string out;
  size_t i = 0;
  while (i < route.size()) {
    size_t open = route.find('<', i);
    out += RE2::QuoteMeta(route.substr(i, open == std::string::npos ? std::string::npos : open - i));
    if (open == std::string::npos) break;
    size_t close = route.find('>', open);
    if (close == std::string::npos) return std::nullopt;
    std::string inside = route.substr(open + 1, close - open - 1);
    std::string conv = inside.find(':') == std::string::npos ? "str" : inside.substr(0, inside.find(':'));
    if (conv == "str") out += "[^/]+";
    else if (conv == "int") out += "[0-9]+";
    else if (conv == "slug") out += "[-a-zA-Z0-9_]+";
    else if (conv == "uuid") out += "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    else if (conv == "path") out += ".+";
    else return std::nullopt;
    i = close + 1;
  }
  return out;
}

bool ends_with_word(const std::string& s, std::string_view word) {
  return s == word || (s.size() > word.size() && s.compare(s.size() - word.size(), word.size(), word) == 0 && s[s.size() - word.size() - 1] == '.');
}

UrlEntry entry_of(const py::Expr* e, int depth) {
  UrlEntry out;
  if (!e || e->kind != py::Expr::K::Call || !e->a || e->items.empty() || !e->items[0] || e->items[0]->kind != py::Expr::K::Str) return out;
  std::string fn = py::dotted_name(e->a);
  if (!ends_with_word(fn, "path") && !ends_with_word(fn, "re_path") && !ends_with_word(fn, "url")) return out;
  out.regex = !ends_with_word(fn, "path") || ends_with_word(fn, "re_path");
  out.route = e->items[0]->text;
  const py::Expr* view = e->items.size() > 1 ? e->items[1] : nullptr;
  std::string view_name = view ? py::dotted_name(view->kind == py::Expr::K::Call ? view->a : view) : "";
  if (view && view->kind == py::Expr::K::Call && ends_with_word(view_name, "include")) {
    const py::Expr* target = view->items.empty() ? nullptr : view->items[0];
    if (target && target->kind == py::Expr::K::Tuple && !target->items.empty()) target = target->items[0];
    out.kind = UrlEntry::Kind::Nested;
    if (target && target->kind == py::Expr::K::Str) {
      out.kind = UrlEntry::Kind::Include;
      out.module = target->text;
    } else if (target && target->kind == py::Expr::K::List && depth < kMaxIncludeDepth) {
      out.kind = UrlEntry::Kind::Include;
      for (const py::Expr* item : target->items) out.entries.push_back(entry_of(item, depth + 1));
    }
    return out;
  }
  // more patterns: a (patterns, app, namespace) tuple, admin.site.urls, router.urls
  bool nested = view && (view->kind == py::Expr::K::Tuple || (view->kind != py::Expr::K::Call && ends_with_word(view_name, "urls")));
  out.kind = nested ? UrlEntry::Kind::Nested : UrlEntry::Kind::View;
  return out;
}

bool static_call(const py::Expr* e) {
  if (e->kind == py::Expr::K::BinOp && e->text == "+") return e->a && e->b && static_call(e->a) && static_call(e->b);
  if (e->kind != py::Expr::K::Call || !e->a) return false;
  std::string callee = py::dotted_name(e->a);
  return callee == "static" || callee == "staticfiles_urlpatterns";
}

bool names_urlpatterns(std::string_view text, const py::Stmt* s) {
  return text.substr(s->begin, s->end - s->begin).find("urlpatterns") != std::string_view::npos;
}

// Adds what the statement puts in urlpatterns; false when it may change them in a way not read here.
bool collect(const py::Stmt* s, std::string_view text, std::vector<const py::Expr*>& entries) {
  using K = py::Stmt::K;
  bool target = s->targets.size() == 1 && s->targets[0]->kind == py::Expr::K::Name && s->targets[0]->text == "urlpatterns";
  if (s->kind == K::Assign && target && s->value && s->value->kind == py::Expr::K::List) {
    entries.assign(s->value->items.begin(), s->value->items.end());
    return true;
  }
  if (s->kind == K::AugAssign && target && s->op == "+=" && s->value) {
    if (s->value->kind != py::Expr::K::List) return static_call(s->value);  // += static(...): nothing with DEBUG off
    entries.insert(entries.end(), s->value->items.begin(), s->value->items.end());
    return true;
  }
  if (s->kind == K::If && s->value && py::dotted_name(s->value) == "settings.DEBUG") {
    for (const py::Stmt* e : s->orelse)
      if (names_urlpatterns(text, e)) return false;
    return true;  // the DEBUG-only routes do not exist in the deployment
  }
  return !names_urlpatterns(text, s);
}

class Resolver {
 public:
  explicit Resolver(const Project& project) : project_(project) {}

  Routed module(const std::string& dotted, std::string_view path, int depth) const {
    const PythonModule* m = project_.modules ? project_.modules->find(dotted) : nullptr;
    if (!m || !m->url_conf || !m->url_conf->known || depth > kMaxIncludeDepth || ++visits_ > kMaxModuleVisits) return Routed::Unknown;
    return entries_route(m->url_conf->entries, path, depth);
  }

 private:
  Routed entries_route(const std::vector<UrlEntry>& entries, std::string_view path, int depth) const {
    for (const UrlEntry& e : entries) {
      Routed r = entry_route(e, path, depth);
      if (r != Routed::No) return r;
    }
    return Routed::No;
  }

  Routed entry_route(const UrlEntry& e, std::string_view path, int depth) const {
    if (e.kind == UrlEntry::Kind::Unknown) return Routed::Unknown;
    std::optional<std::string> regex = e.regex ? std::optional<std::string>(e.route) : route_regex(e.route);
    if (!regex) return Routed::Unknown;
    if (e.kind == UrlEntry::Kind::View) {
      // path(): the whole path; re_path()/url(): Python's regex.search
      RE2 re(e.regex ? *regex : "^" + *regex + "$", RE2::Quiet);
      if (!re.ok()) return Routed::Unknown;
      return (e.regex ? RE2::PartialMatch(path, re) : RE2::FullMatch(path, re)) ? Routed::Yes : Routed::No;
    }
    if (e.regex && (regex->empty() || (*regex)[0] != '^')) return Routed::Unknown;
    RE2 prefix(e.regex ? regex->substr(1) : *regex, RE2::Quiet);
    if (!prefix.ok()) return Routed::Unknown;
    re2::StringPiece rest(path.data(), path.size());
    if (!RE2::Consume(&rest, prefix)) return Routed::No;  // the prefix does not match: nothing below can
    std::string_view remainder(rest.data(), rest.size());
    if (e.kind == UrlEntry::Kind::Nested) return Routed::Unknown;
    if (!e.module.empty()) return module(e.module, remainder, depth + 1);
    return entries_route(e.entries, remainder, depth + 1);
  }

  const Project& project_;
  mutable size_t visits_ = 0;
};

}  // namespace

UrlConf read_urlconf(const py::Module& ast, std::string_view text) {
  UrlConf out;
  std::vector<const py::Expr*> entries;
  for (const py::Stmt* s : ast.body)
    if (!collect(s, text, entries)) return out;
  out.known = true;
  for (const py::Expr* e : entries) out.entries.push_back(entry_of(e, 0));
  return out;
}

Routed url_routed(const Project& project, const std::string& urlconf, std::string_view path) {
  return Resolver(project).module(urlconf, path, 0);
}

}  // namespace cfglint
