// Template "csp-nonce-tuple-crash": django-csp >= 4's migration helper (run by its csp.E001 check, so by
// every manage.py command) does `config["DIRECTIVES"][directive].append(NONCE)` on the settings object for
// each directive in CSP_INCLUDE_NONCE_IN. A tuple there raises AttributeError; an empty one, KeyError.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "checks/django/csp_common.h"
#include "checks/django/django_checks.h"

namespace cfglint {
namespace {

std::string setting_for(const std::string& directive) {
  std::string s = "CSP_";
  for (char c : directive) s += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

class CspNonceTupleCrash final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& s : project.settings) {
      auto nonce = s.names.find("CSP_INCLUDE_NONCE_IN");
      if (nonce == s.names.end() || !nonce->second.value || !nonce->second.value->is_sequence()) continue;
      CspInstall csp = csp_install(project, s);  // only where it matters: it reads every settings module
      if (!csp.used || csp.v4 == Tri::No || csp.app_installed == Tri::No) continue;  // no app: the check never runs
      for (const auto& d : nonce->second.value->items) {
        if (!d || d->kind != PyValue::K::Str) continue;
        std::string name = setting_for(d->text);
        auto it = s.names.find(name);
        if (it == s.names.end() || !it->second.value) continue;
        const PyValue& v = *it->second.value;
        bool empty = (v.is_sequence() && v.items.empty()) || v.kind == PyValue::K::None || (v.kind == PyValue::K::Str && v.text.empty());
        std::string error;
        if (v.kind == PyValue::K::Tuple && !v.items.empty()) error = "AttributeError: 'tuple' object has no attribute 'append'";
        else if (empty) error = "KeyError: '" + d->text + "' (an empty " + name + " is skipped, then appended to)";
        else continue;
        if (!seen.insert({it->second.where.file, it->second.where.range.begin.line}).second) continue;
        Finding f = finding(it->second.where.file, it->second.where.range,
                            name + " is " + v.describe() + " and CSP_INCLUDE_NONCE_IN lists \"" + d->text + "\": django-csp " +
                                (csp.v4 == Tri::Yes ? "4" : "4 (if installed)") + " appends NONCE to it while checking the settings, which raises " +
                                error + " in `manage.py migrate`, `check` and `runserver`; use a list, or move to CONTENT_SECURITY_POLICY with NONCE");
        if (csp.v4 == Tri::Unknown || csp.app_installed == Tri::Unknown) f.severity_override = Severity::Warning;
        f.related.push_back({nonce->second.where.file, nonce->second.where.range, "CSP_INCLUDE_NONCE_IN lists \"" + d->text + "\""});
        if (csp.version.declared) f.related.push_back({csp.version.where.file, csp.version.where.range, csp.version_note});
        out.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

TemplateInfo csp_nonce_tuple_crash_template() {
  return simple_template<CspNonceTupleCrash>("csp-nonce-tuple-crash", "CSP_INCLUDE_NONCE_IN with a tuple directive under django-csp 4.");
}

}  // namespace cfglint
