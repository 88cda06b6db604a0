#include "rules/rule_catalog.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/strings.h"
#include "rules/embedded.h"

namespace cfglint {
namespace {

Position pos_of(const toml::node& n) {
  return {static_cast<uint32_t>(n.source().begin.line), static_cast<uint32_t>(n.source().begin.column)};
}

std::string str_field(const toml::table& t, std::string_view key) {
  if (auto v = t[key].value<std::string>()) return *v;
  return {};
}


bool valid_name(std::string_view n) {
  if (n.empty()) return false;
  for (char c : n)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-')) return false;
  return true;
}

}  // namespace

std::vector<std::string> toml_string_list(const toml::table& t, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* a = t[key].as_array())
    for (const auto& v : *a)
      if (auto s = v.value<std::string>()) out.push_back(*s);
  return out;
}

RuleCatalog RuleCatalog::builtin() {
  RuleCatalog cat;
  std::vector<RuleLoadError> errors;
  for (const auto& f : embedded_rule_files()) {
    std::string origin = "rules/" + std::string(f.path);
    if (f.path.substr(0, 10) == "knowledge/") {
      try {
        std::string stem(f.path.substr(10));
        stem = stem.substr(0, stem.rfind('.'));
        cat.knowledge_[stem] = toml::parse(f.text, origin);
      } catch (const toml::parse_error& e) {
        throw std::runtime_error(origin + ": " + std::string(e.description()));
      }
      continue;
    }
    cat.add_file(f.text, origin, errors);
  }
  if (!errors.empty())  // a broken built-in rule is a build defect: the tests catch it
    throw std::runtime_error(errors[0].origin + ":" + std::to_string(errors[0].position.line) + ": " + errors[0].message);
  std::sort(cat.rules_.begin(), cat.rules_.end(), [](const RuleSpec& a, const RuleSpec& b) { return a.id < b.id; });
  for (auto& r : cat.rules_) r.builtin = true;
  return cat;
}

bool RuleCatalog::add_file(std::string_view text, std::string_view origin, std::vector<RuleLoadError>& errors) {
  try {
    toml::table t = toml::parse(text, std::string(origin));
    if (const auto* arr = t["rule"].as_array()) {
      bool ok = true;
      for (const auto& r : *arr) {
        RuleLoadError err;
        if (!r.is_table()) continue;
        if (!add(*r.as_table(), origin, err)) {
          errors.push_back(err);
          ok = false;
        }
      }
      return ok;
    }
    RuleLoadError err;
    if (!add(t, origin, err)) {
      errors.push_back(err);
      return false;
    }
    return true;
  } catch (const toml::parse_error& e) {
    errors.push_back({std::string(origin), {static_cast<uint32_t>(e.source().begin.line), static_cast<uint32_t>(e.source().begin.column)},
                      std::string(e.description())});
    return false;
  }
}

bool RuleCatalog::add(const toml::table& t, std::string_view origin, RuleLoadError& error) {
  auto fail = [&](const toml::node& at, std::string msg) {
    error = {std::string(origin), pos_of(at), std::move(msg)};
    return false;
  };
  RuleSpec r;
  r.origin = std::string(origin);
  r.id = str_field(t, "id");
  r.name = str_field(t, "name");
  if (r.id.empty()) return fail(t, "a rule needs an `id` (e.g. \"CFG123\", or \"X-TEAM-001\" for your own)");
  if (!valid_name(r.name)) return fail(t["name"].node() ? *t["name"].node() : static_cast<const toml::node&>(t), "rule " + r.id + ": `name` must be kebab-case (a-z, 0-9, -)");
  if (find(r.id) || find(r.name)) return fail(t, "rule " + r.id + " (" + r.name + ") is defined twice");
  std::string sev = str_field(t, "severity");
  auto s = parse_severity(sev.empty() ? "warning" : sev);
  if (!s) return fail(*t["severity"].node(), "rule " + r.id + ": severity must be error, warning or note");
  r.severity = *s;
  r.summary = str_field(t, "summary");
  if (r.summary.empty()) return fail(t, "rule " + r.id + ": a `summary` is required");
  r.rationale = str_field(t, "rationale");
  r.fix = str_field(t, "fix");
  r.references = toml_string_list(t, "references");
  r.tags = toml_string_list(t, "tags");
  if (auto ss = t["security-severity"].value<double>()) r.security_severity = *ss;
  if (const auto* ex = t["example"].as_table()) {
    r.bad_example = str_field(*ex, "bad");
    r.good_example = str_field(*ex, "good");
  }
  const auto* check = t["check"].as_table();
  if (!check) return fail(t, "rule " + r.id + ": a [check] table naming a `template` is required");
  r.template_name = str_field(*check, "template");
  if (r.template_name.empty()) return fail(*check, "rule " + r.id + ": [check] needs `template`");
  r.files = toml_string_list(*check, "files");
  r.params = *check;
  rules_.push_back(std::move(r));
  return true;
}

const RuleSpec* RuleCatalog::find(std::string_view key) const {
  for (const auto& r : rules_)
    if (iequals(r.id, key) || r.name == key) return &r;
  return nullptr;
}

const toml::table* RuleCatalog::knowledge(std::string_view name) const {
  auto it = knowledge_.find(name);
  return it == knowledge_.end() ? nullptr : &it->second;
}

std::vector<const toml::table*> RuleCatalog::knowledge_entries(std::string_view name, std::string_view array) const {
  std::vector<const toml::table*> out;
  if (const toml::table* t = knowledge(name))
    if (const auto* arr = (*t)[array].as_array())
      for (const auto& e : *arr)
        if (const auto* et = e.as_table()) out.push_back(et);
  return out;
}

}  // namespace cfglint
