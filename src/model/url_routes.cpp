#include "model/url_routes.h"

#include <re2/re2.h>

#include "core/strings.h"
#include "frontends/python/module_facts.h"
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

class Resolver {
 public:
  explicit Resolver(const Project& project) : project_(project) {}

  Routed module(const std::string& dotted, std::string_view path, int depth) const {
    const PythonModule* m = project_.modules ? project_.modules->find(dotted) : nullptr;
    if (!m || !m->source || depth > kMaxIncludeDepth || ++visits_ > kMaxModuleVisits) return Routed::Unknown;
    std::vector<const py::Expr*> entries;
    for (const py::Stmt* s : m->source->ast.body)
      if (!collect(*m, s, entries)) return Routed::Unknown;
    return entries_route(*m, entries, path, depth);
  }

 private:
  // Adds what the statement puts in urlpatterns; false when it may change them in a way not read here.
  bool collect(const PythonModule& m, const py::Stmt* s, std::vector<const py::Expr*>& entries) const {
    using K = py::Stmt::K;
    std::string_view text = std::string_view(m.source->text).substr(s->begin, s->end - s->begin);
    bool names = text.find("urlpatterns") != std::string_view::npos;
    bool target = s->targets.size() == 1 && s->targets[0]->kind == py::Expr::K::Name && s->targets[0]->text == "urlpatterns";
    if (s->kind == K::Assign && target && s->value && s->value->kind == py::Expr::K::List) {
      entries.assign(s->value->items.begin(), s->value->items.end());
      return true;
    }
    if (s->kind == K::AugAssign && target && s->op == "+=" && s->value) {
      if (s->value->kind == py::Expr::K::List) {
        entries.insert(entries.end(), s->value->items.begin(), s->value->items.end());
        return true;
      }
      return static_call(s->value);  // += static(...): nothing with DEBUG off
    }
    if (s->kind == K::If && s->value && py::dotted_name(s->value) == "settings.DEBUG") {
      for (const py::Stmt* e : s->orelse)
        if (std::string_view(m.source->text).substr(e->begin, e->end - e->begin).find("urlpatterns") != std::string_view::npos) return false;
      return true;  // the DEBUG-only routes do not exist in the deployment
    }
    return !names;
  }

  static bool static_call(const py::Expr* e) {
    if (e->kind == py::Expr::K::BinOp && e->text == "+") return static_call(e->a) && static_call(e->b);
    if (e->kind != py::Expr::K::Call || !e->a) return false;
    std::string callee = py::dotted_name(e->a);
    return callee == "static" || callee == "staticfiles_urlpatterns";
  }

  Routed entries_route(const PythonModule& m, const std::vector<const py::Expr*>& entries, std::string_view path, int depth) const {
    for (const py::Expr* e : entries) {
      Routed r = entry_route(m, e, path, depth);
      if (r != Routed::No) return r;
    }
    return Routed::No;
  }

  Routed entry_route(const PythonModule& m, const py::Expr* e, std::string_view path, int depth) const {
    if (!e || e->kind != py::Expr::K::Call || !e->a || e->items.empty() || !e->items[0] || e->items[0]->kind != py::Expr::K::Str)
      return Routed::Unknown;
    std::string callee = py::dotted_name(e->a);
    std::string fn = callee.substr(callee.rfind('.') == std::string::npos ? 0 : callee.rfind('.') + 1);
    if (fn != "path" && fn != "re_path" && fn != "url") return Routed::Unknown;
    const std::string& route = e->items[0]->text;
    std::optional<std::string> regex = fn == "path" ? route_regex(route) : std::optional<std::string>(route);
    if (!regex) return Routed::Unknown;
    const py::Expr* view = e->items.size() > 1 ? e->items[1] : nullptr;
    std::string view_callee = view && view->kind == py::Expr::K::Call && view->a ? py::dotted_name(view->a) : "";
    bool include = view_callee == "include" || (view_callee.size() > 8 && view_callee.compare(view_callee.size() - 8, 8, ".include") == 0);
    // A view, or more patterns: include(...), a (patterns, app, namespace) tuple, admin.site.urls, router.urls.
    std::string view_name = view ? py::dotted_name(view) : "";
    bool nested = include || (view && view->kind == py::Expr::K::Tuple) ||
                  (view_name.size() > 5 && view_name.compare(view_name.size() - 5, 5, ".urls") == 0);
    if (!nested) {
      // path(): the whole path; re_path()/url(): Python's regex.search
      RE2 re(fn == "path" ? "^" + *regex + "$" : *regex, RE2::Quiet);
      if (!re.ok()) return Routed::Unknown;
      return (fn == "path" ? RE2::FullMatch(path, re) : RE2::PartialMatch(path, re)) ? Routed::Yes : Routed::No;
    }
    if (fn != "path" && (regex->empty() || (*regex)[0] != '^')) return Routed::Unknown;
    RE2 prefix(fn == "path" ? *regex : regex->substr(1), RE2::Quiet);
    if (!prefix.ok()) return Routed::Unknown;
    re2::StringPiece rest(path.data(), path.size());
    if (!RE2::Consume(&rest, prefix)) return Routed::No;  // the include's prefix does not match: nothing below can
    std::string_view remainder(rest.data(), rest.size());
    if (!include || view->items.empty() || !view->items[0]) return Routed::Unknown;
    const py::Expr* target = view->items[0];
    if (target->kind == py::Expr::K::Tuple && !target->items.empty()) target = target->items[0];
    if (target->kind == py::Expr::K::List) return entries_route(m, {target->items.begin(), target->items.end()}, remainder, depth + 1);
    if (target->kind != py::Expr::K::Str) return Routed::Unknown;
    return module(target->text, remainder, depth + 1);
  }

  const Project& project_;
  mutable size_t visits_ = 0;
};

}  // namespace

Routed url_routed(const Project& project, const std::string& urlconf, std::string_view path) {
  return Resolver(project).module(urlconf, path, 0);
}

}  // namespace cfglint
