#include "model/server_options.h"

#include "core/strings.h"
#include "frontends/shell/shell_words.h"
#include "model/django_project.h"
#include "rules/rule_catalog.h"

namespace cfglint {

std::vector<ServerOptionTable> load_server_options(const RuleCatalog& catalog) {
  std::vector<ServerOptionTable> out;
  for (const toml::table* p : catalog.knowledge_entries("server_options", "program")) {
    ServerOptionTable t;
    t.program = p->get_as<std::string>("name") ? p->get_as<std::string>("name")->get() : "";
    t.abbreviations = p->get_as<bool>("abbreviations") && p->get_as<bool>("abbreviations")->get();
    auto releases = toml_string_list(*p, "releases");
    if (releases.size() == 2) t.oldest = parse_version(releases[0]), t.newest = parse_version(releases[1]);
    if (const toml::table* opts = p->get_as<toml::table>("options"))
      for (const auto& [name, v] : *opts) {
        const toml::table* o = v.as_table();
        if (!o) continue;
        ServerOption option;
        option.value = o->get_as<bool>("value") && o->get_as<bool>("value")->get();
        if (auto f = o->get_as<std::string>("first")) option.first = parse_version(f->get());
        else option.first = t.oldest;
        if (auto l = o->get_as<std::string>("last")) option.last = parse_version(l->get());
        t.options.emplace(std::string(name.str()), std::move(option));
      }
    if (!t.program.empty()) out.push_back(std::move(t));
  }
  return out;
}

const ServerOptionTable* find_server_options(const std::vector<ServerOptionTable>& tables, std::string_view program) {
  for (const auto& t : tables)
    if (t.program == program) return &t;
  return nullptr;
}

const ServerOption* ServerOptionTable::find(std::string_view word, std::string* name, bool* ambiguous) const {
  auto found = [&](auto it) {
    if (name) *name = it->first;
    return &it->second;
  };
  if (word.size() > 2 && word[0] == '-' && word[1] == '-') {
    std::string_view key = word.substr(0, word.find('='));
    if (auto it = options.find(key); it != options.end()) return found(it);
    if (!abbreviations) return nullptr;
    auto match = options.end();
    for (auto it = options.lower_bound(key); it != options.end() && it->first.compare(0, key.size(), key) == 0; ++it) {
      if (match != options.end()) {
        if (ambiguous) *ambiguous = true;
        return nullptr;
      }
      match = it;
    }
    return match == options.end() ? nullptr : found(match);
  }
  if (word.size() >= 2 && word[0] == '-') {  // -b ADDR, -b0.0.0.0:8000, -D
    if (auto it = options.find(word.substr(0, 2)); it != options.end()) return found(it);
  }
  return nullptr;
}

ServerArgs parse_server_args(const ServerOptionTable& table, const std::vector<std::string>& argv, size_t start) {
  ServerArgs out;
  for (size_t i = start + 1; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    if (w.find('$') != std::string::npos || w.find("{{") != std::string::npos) {
      out.uncertain = true;  // `$GUNICORN_OPTS` may be options, values or the application
      continue;
    }
    if (w == "--") {
      for (++i; i < argv.size(); ++i) out.positionals.push_back(argv[i]);
      break;
    }
    if (w.size() < 2 || w[0] != '-') {
      out.positionals.push_back(w);
      continue;
    }
    std::string name;
    bool ambiguous = false;
    const ServerOption* o = table.find(w, &name, &ambiguous);
    out.options.push_back({i, o ? name : w.substr(0, w.find('=')), o != nullptr, ambiguous});
    if (!o) {
      out.uncertain = true;  // does it take a value? the next word may or may not be the application
      continue;
    }
    bool attached = w.find('=') != std::string::npos || (w[1] != '-' && w.size() > 2);
    if (o->value && !attached) ++i;
  }
  return out;
}

std::optional<ServerCommand> read_server_command(const std::vector<ServerOptionTable>& tables, const std::vector<std::string>& argv) {
  std::string program = program_name(argv);
  const ServerOptionTable* table = find_server_options(tables, program);
  if (!table) return std::nullopt;
  size_t start = 0;
  while (start < argv.size() && basename_of(argv[start]) != program) ++start;
  if (start >= argv.size()) return std::nullopt;
  return ServerCommand{table, parse_server_args(*table, argv, start)};
}

}  // namespace cfglint
