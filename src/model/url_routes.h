// Whether Django's URL resolver finds a view for a path: the URLconf modules of the project read without
// running them. Module-level `urlpatterns` lists of path()/re_path() entries and include()s of project
// URLconfs are followed; anything else that could add a route (a router's urls, i18n_patterns, a loop,
// a third-party include whose prefix the path enters) makes the answer unknown.
#pragma once
#include <string>
#include <string_view>

#include "model/project.h"

namespace cfglint {

enum class Routed { Yes, No, Unknown };

// `path` as Django matches it: without its leading slash and query. DEBUG is known to be off, so
// `static()` adds nothing and `if settings.DEBUG:` blocks do not run.
Routed url_routed(const Project& project, const std::string& urlconf, std::string_view path);

}  // namespace cfglint
