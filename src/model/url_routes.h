// Whether Django's URL resolver finds a view for a path: the URLconf modules of the project read without
// running them. Module-level `urlpatterns` lists of path()/re_path() entries and include()s of project
// URLconfs are followed; anything else that could add a route (a router's urls, i18n_patterns, a loop,
// a third-party include whose prefix the path enters) makes the answer unknown.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontends/python/python_ast.h"

namespace cfglint {

struct Project;

// One element of `urlpatterns`, as read at file time (the syntax tree is not kept).
struct UrlEntry {
  enum class Kind : uint8_t {
    View,     // path()/re_path()/url() to a view
    Include,  // include("dotted.urls") or include([...]): `module` or `entries`
    Nested,   // more patterns cfglint cannot read (admin.site.urls, router.urls, a third-party tuple)
    Unknown   // not a path()/re_path()/url() call with a literal route
  };
  Kind kind = Kind::Unknown;
  bool regex = false;  // re_path()/url(): `route` is a regular expression
  std::string route;
  std::string module;              // Include of a module
  std::vector<UrlEntry> entries;   // Include of an inline list
};

// What a urls.py module routes with DEBUG off; `known` false when a statement may change urlpatterns in a
// way not read here.
struct UrlConf {
  bool known = false;
  std::vector<UrlEntry> entries;
};

UrlConf read_urlconf(const py::Module& ast, std::string_view text);

enum class Routed { Yes, No, Unknown };

// `path` as Django matches it: without its leading slash and query. DEBUG is known to be off, so
// `static()` adds nothing and `if settings.DEBUG:` blocks do not run.
Routed url_routed(const Project& project, const std::string& urlconf, std::string_view path);

}  // namespace cfglint
