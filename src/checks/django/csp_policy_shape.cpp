// Template "csp-policy-shape": django-csp 4 CONTENT_SECURITY_POLICY(_REPORT_ONLY) and Django 6 SECURE_CSP
// values of the wrong shape: not a dict, no DIRECTIVES, DIRECTIVES not a dict, unknown or old-style
// directive names (ignored by browsers, so the policy is weaker than written), or SECURE_CSP given
// django-csp's nested {"DIRECTIVES": ...} shape (Django emits "DIRECTIVES" as a directive name).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "checks/django/csp_common.h"
#include "checks/django/django_checks.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {

const std::set<std::string>& known_directives() {
  static const std::set<std::string> d = {
      "child-src", "connect-src", "default-src", "font-src", "frame-src", "img-src", "manifest-src", "media-src",
      "object-src", "prefetch-src", "script-src", "script-src-attr", "script-src-elem", "style-src", "style-src-attr",
      "style-src-elem", "worker-src", "base-uri", "plugin-types", "sandbox", "form-action", "frame-ancestors",
      "navigate-to", "report-uri", "report-to", "require-sri-for", "require-trusted-types-for", "trusted-types",
      "upgrade-insecure-requests", "block-all-mixed-content", "fenced-frame-src", "webrtc"};
  return d;
}

class CspPolicyShape final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> seen;
    auto report = [&](const Location& at, std::string msg) {
      if (at.file.empty() || !seen.insert({at.file, at.range.begin.line}).second) return;
      out.push_back(finding(at.file, at.range, std::move(msg)));
    };
    for (const auto& s : project.settings) {
      // CONTENT_SECURITY_POLICY is django-csp's only where django-csp is used (Flask-Talisman and
      // others read a setting of the same name with another shape).
      // (asked only where the settings have one: finding the install reads every dependency file)
      bool has_policy = s.names.count("CONTENT_SECURITY_POLICY") || s.names.count("CONTENT_SECURITY_POLICY_REPORT_ONLY");
      bool django_csp = has_policy && csp_install(project, s).used;
      for (const char* name : {"CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"}) {
        if (!django_csp) break;
        auto it = s.names.find(name);
        if (it == s.names.end() || !it->second.value) continue;
        const PyValue& v = *it->second.value;
        if (v.kind == PyValue::K::Unknown || v.kind == PyValue::K::Env || v.kind == PyValue::K::None) continue;
        if (v.kind != PyValue::K::Dict) {
          report(it->second.where, std::string(name) + " must be a dict ({\"DIRECTIVES\": {...}}), not " + v.describe() + "; django-csp cannot build a policy from it");
          continue;
        }
        ValueP directives = v.get("DIRECTIVES");
        if (!directives) {
          report(it->second.where, std::string(name) + " has no \"DIRECTIVES\" key, so none of the directives you meant are sent; put them under \"DIRECTIVES\"");
          bool legacy_keys = false;
          for (const auto& [k, val] : v.entries)
            if (k && k->kind == PyValue::K::Str && known_directives().count(k->text)) legacy_keys = true;
          (void)legacy_keys;
          continue;
        }
        if (directives->kind == PyValue::K::Unknown) continue;
        if (directives->kind != PyValue::K::Dict) {
          report(directives->origin.location(), std::string(name) + "[\"DIRECTIVES\"] must be a dict of directive -> sources, not " + directives->describe());
          continue;
        }
        for (const auto& [k, val] : directives->entries) {
          if (!k || k->kind != PyValue::K::Str) continue;
          const std::string& d = k->text;
          if (known_directives().count(d)) continue;
          bool old_style = d.rfind("CSP_", 0) == 0 || d.find('_') != std::string::npos ||
                           std::any_of(d.begin(), d.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
          Location at = val && val->origin.known() ? val->origin.location() : it->second.where;
          report(at, "\"" + d + "\" is not a CSP directive" +
                         (old_style ? " (django-csp 4 uses the header's names, e.g. \"script-src\", not CSP_SCRIPT_SRC or script_src)" : "") +
                         ": browsers ignore it, so the policy is weaker than written");
        }
      }
      auto sc = s.names.find("SECURE_CSP");
      if (sc != s.names.end() && sc->second.value && sc->second.value->kind == PyValue::K::Dict && sc->second.value->get("DIRECTIVES"))
        report(sc->second.where,
               "SECURE_CSP is Django's own setting and takes the directives directly ({\"script-src\": [...]}); given django-csp's "
               "{\"DIRECTIVES\": {...}} shape, Django sends \"DIRECTIVES\" as a directive and no policy applies");
    }
  }
};

}  // namespace

TemplateInfo csp_policy_shape_template() {
  return simple_template<CspPolicyShape>("csp-policy-shape", "CSP policy dicts of the wrong shape (django-csp 4, Django 6 SECURE_CSP).");
}

}  // namespace cfglint
