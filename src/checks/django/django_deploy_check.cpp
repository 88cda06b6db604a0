// Template "django-deploy-check": Django's `manage.py check --deploy` security checks, statically, on the
// settings modules a deployment loads (DJANGO_SETTINGS_MODULE). The [check] table
// names the Django check id (`check = "W004"`). A finding needs a known value: a literal, or Django's
// default when the setting is absent; values read from the environment or set on a branch are unknown
// and never reported.
#include <optional>
#include <set>

#include "checks/django/django_checks.h"
#include "core/strings.h"
#include "model/app_registry.h"
#include "model/django_project.h"

namespace cfglint {
namespace {

struct Known {
  bool known = false;
  ValueP value;              // null when absent (Django's default applies)
  const SettingValue* at = nullptr;
};

Known known(const SettingsResult& s, const std::string& name) {
  Known k;
  auto it = s.names.find(name);
  if (it == s.names.end()) {
    k.known = s.complete;  // absent: Django's default, unless names came from where cfglint cannot see
    return k;
  }
  k.at = &it->second;
  k.value = it->second.value;
  k.known = !it->second.maybe && k.value && k.value->kind != PyValue::K::Unknown && k.value->kind != PyValue::K::Env &&
            k.value->kind != PyValue::K::Function && !k.value->partial;
  return k;
}

// Python truthiness of a known value (absent -> the default passed in).
bool truthy(const Known& k, bool default_value) {
  if (!k.value) return default_value;
  const PyValue& v = *k.value;
  switch (v.kind) {
    case PyValue::K::None: return false;
    case PyValue::K::Bool: return v.text == "True";
    case PyValue::K::Num: return v.text.find_first_not_of("0._") != std::string::npos;
    case PyValue::K::Str: return !v.text.empty();
    default: return !v.items.empty() || !v.entries.empty();
  }
}

// Does a known list setting contain `item`? nullopt when the list is not fully known.
// A list known only in part (`APPS + unknown`) still answers "yes" for what its known part holds.
std::optional<bool> contains(const Known& k, const std::string& item) {
  if (!k.value) return k.known ? std::optional<bool>(false) : std::nullopt;
  if (!k.value->is_sequence() || (k.at && k.at->maybe)) return std::nullopt;
  bool all_known = !k.value->partial;
  for (const auto& i : k.value->items) {
    if (i && i->kind == PyValue::K::Str && i->text == item) return true;
    all_known &= i && i->kind == PyValue::K::Str;
  }
  return all_known ? std::optional<bool>(false) : std::nullopt;
}

// SILENCED_SYSTEM_CHECKS: Django does not report what a project silenced, so neither do we; a list we
// cannot read in full may silence it too.
bool may_be_silenced(const SettingsResult& s, const std::string& check_id) {
  auto it = s.names.find("SILENCED_SYSTEM_CHECKS");
  if (it == s.names.end()) return false;
  const ValueP& v = it->second.value;
  if (!v || !v->is_sequence()) return true;
  for (const auto& i : v->items)
    if (!i || i->kind != PyValue::K::Str || i->text == check_id) return true;
  return false;
}

struct Result {
  std::string message;
  const SettingValue* at = nullptr;
};

const char* kSecurity = "django.middleware.security.SecurityMiddleware";

std::optional<Result> run(const std::string& id, const SettingsResult& s) {
  auto mw = known(s, "MIDDLEWARE");
  auto has_mw = [&](const char* m) { return contains(mw, m); };
  auto security = has_mw(kSecurity);
  auto need_security = [&]() { return security && *security; };
  auto flag = [&](const char* name, bool dflt, const std::string& msg) -> std::optional<Result> {
    Known k = known(s, name);
    if (!k.known || truthy(k, dflt)) return std::nullopt;
    return Result{msg, k.at};
  };
  auto hsts = known(s, "SECURE_HSTS_SECONDS");
  if (id == "W001") {
    if (auto h = has_mw(kSecurity); h && !*h) return Result{"MIDDLEWARE does not include SecurityMiddleware, so no HSTS, SSL redirect or security headers are applied", mw.at};
  } else if (id == "W002") {
    if (auto h = has_mw("django.middleware.clickjacking.XFrameOptionsMiddleware"); h && !*h)
      return Result{"MIDDLEWARE does not include XFrameOptionsMiddleware: pages can be framed (clickjacking)", mw.at};
  } else if (id == "W003") {
    if (auto h = has_mw("django.middleware.csrf.CsrfViewMiddleware"); h && !*h)
      return Result{"MIDDLEWARE does not include CsrfViewMiddleware: forms have no CSRF protection", mw.at};
  } else if (id == "W004") {
    if (need_security() && hsts.known && !truthy(hsts, false))
      return Result{"SECURE_HSTS_SECONDS is not set: browsers are not told to use HTTPS only (HSTS)", hsts.at};
  } else if (id == "W005") {
    if (need_security() && hsts.known && truthy(hsts, false))
      return flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", false, "SECURE_HSTS_INCLUDE_SUBDOMAINS is not True: subdomains are not covered by HSTS");
  } else if (id == "W006") {
    if (need_security()) return flag("SECURE_CONTENT_TYPE_NOSNIFF", true, "SECURE_CONTENT_TYPE_NOSNIFF is False: browsers may sniff content types");
  } else if (id == "W008") {
    if (need_security()) return flag("SECURE_SSL_REDIRECT", false, "SECURE_SSL_REDIRECT is not True: plain HTTP requests are served instead of redirected (fine only if a proxy redirects)");
  } else if (id == "W009") {
    Known k = known(s, "SECRET_KEY");
    if (!k.known || !k.value || k.value->kind != PyValue::K::Str) return std::nullopt;
    const std::string& key = k.value->text;
    std::set<char> unique(key.begin(), key.end());
    if (key.rfind("django-insecure-", 0) == 0) return Result{"SECRET_KEY is the generated development key (django-insecure-...): anyone with the repository can forge sessions and signatures", k.at};
    if (key.size() < 50 || unique.size() < 5) return Result{"SECRET_KEY is weak (" + std::to_string(key.size()) + " characters, " + std::to_string(unique.size()) + " distinct): use 50+ random characters from the environment", k.at};
  } else if (id == "W010" || id == "W011" || id == "W012" || id == "W013" || id == "W014" || id == "W015") {
    bool secure_check = id <= "W012";
    const char* setting = secure_check ? "SESSION_COOKIE_SECURE" : "SESSION_COOKIE_HTTPONLY";
    Known k = known(s, setting);
    if (!k.known || truthy(k, !secure_check)) return std::nullopt;
    auto app = contains(known(s, "INSTALLED_APPS"), "django.contrib.sessions");
    auto middleware = has_mw("django.contrib.sessions.middleware.SessionMiddleware");
    if (!app || !middleware) return std::nullopt;
    std::string which = (*app && *middleware) ? (secure_check ? "W012" : "W015") : *app ? (secure_check ? "W010" : "W013") : *middleware ? (secure_check ? "W011" : "W014") : "";
    if (which != id) return std::nullopt;
    return Result{secure_check ? "SESSION_COOKIE_SECURE is not True: session cookies are sent over plain HTTP and can be stolen"
                               : "SESSION_COOKIE_HTTPONLY is False: scripts can read the session cookie",
                  k.at};
  } else if (id == "W016") {
    if (auto h = has_mw("django.middleware.csrf.CsrfViewMiddleware"); h && *h)
      return flag("CSRF_COOKIE_SECURE", false, "CSRF_COOKIE_SECURE is not True: the CSRF cookie is sent over plain HTTP");
  } else if (id == "W018") {
    Known k = known(s, "DEBUG");
    if (k.known && truthy(k, false)) return Result{"DEBUG is True in a deployed settings module: error pages leak settings, code and SQL", k.at};
  } else if (id == "W019") {
    if (auto h = has_mw("django.middleware.clickjacking.XFrameOptionsMiddleware"); h && *h) {
      Known k = known(s, "X_FRAME_OPTIONS");
      if (k.known && k.value && k.value->kind == PyValue::K::Str && k.value->text != "DENY")
        return Result{"X_FRAME_OPTIONS is '" + k.value->text + "', not 'DENY': pages can be framed by the same origin", k.at};
    }
  } else if (id == "W020") {
    Known k = known(s, "ALLOWED_HOSTS");
    if (k.known && !truthy(k, false)) return Result{"ALLOWED_HOSTS is empty: with DEBUG off every request gets 400 Bad Request", k.at};
  } else if (id == "W021") {
    if (need_security() && hsts.known && truthy(hsts, false))
      return flag("SECURE_HSTS_PRELOAD", false, "SECURE_HSTS_PRELOAD is not True: the site cannot be submitted to the HSTS preload list");
  } else if (id == "W022") {
    if (need_security()) {
      Known k = known(s, "SECURE_REFERRER_POLICY");
      if (k.known && k.value && !truthy(k, true)) return Result{"SECURE_REFERRER_POLICY is not set: full URLs leak in the Referer header", k.at};
    }
  } else if (id == "E023") {
    static const std::set<std::string> valid = {"no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin",
                                                "strict-origin", "strict-origin-when-cross-origin", "unsafe-url"};
    Known k = known(s, "SECURE_REFERRER_POLICY");
    if (need_security() && k.known && k.value && k.value->kind == PyValue::K::Str)
      for (auto v : split(k.value->text, ','))
        if (!valid.count(std::string(trim(v)))) return Result{"SECURE_REFERRER_POLICY has an invalid value '" + std::string(trim(v)) + "'", k.at};
  } else if (id == "E024") {
    static const std::set<std::string> valid = {"same-origin", "same-origin-allow-popups", "unsafe-none"};
    Known k = known(s, "SECURE_CROSS_ORIGIN_OPENER_POLICY");
    if (need_security() && k.known && k.value && k.value->kind == PyValue::K::Str && !valid.count(k.value->text))
      return Result{"SECURE_CROSS_ORIGIN_OPENER_POLICY has an invalid value '" + k.value->text + "'", k.at};
  } else if (id == "W025") {
    Known k = known(s, "SECRET_KEY_FALLBACKS");
    if (k.known && k.value && k.value->is_sequence())
      for (const auto& key : k.value->items)
        if (key && key->kind == PyValue::K::Str) {
          std::set<char> unique(key->text.begin(), key->text.end());
          if (key->text.rfind("django-insecure-", 0) == 0 || key->text.size() < 50 || unique.size() < 5)
            return Result{"a SECRET_KEY_FALLBACKS entry is weak: old signatures stay forgeable", k.at};
        }
  }
  return std::nullopt;
}

class DjangoDeployCheck final : public ProjectCheck {
 public:
  DjangoDeployCheck(const RuleSpec& rule, std::string id, const RuleCatalog& catalog) : ProjectCheck(rule), id_(std::move(id)), catalog_(catalog) {}

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    if (!project.modules) return;
    const std::set<std::string> deployed(project.deployed_settings.begin(), project.deployed_settings.end());
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& s : project.settings) {
      if (!deployed.count(s.path) || may_be_silenced(s, "security." + id_)) continue;
      auto r = run(id_, s);
      if (!r) continue;
      Location at = r->at ? r->at->where : Location{s.path, Range{}, ""}  /* the module as a whole */;
      if (!seen.insert({at.file, at.range.begin.line}).second) continue;
      std::string where = r->at ? "" : " (not set in " + s.path + ")";
      // From the default of a variable nothing in the repository sets: the deployment may still set it
      // where cfglint cannot see (a platform's settings): an error-level check says it as a note.
      const std::string& var = r->at && r->at->value ? r->at->value->from_env_default : std::string();
      if (!var.empty()) where = " (the default of " + var + ", which nothing in the repository sets)";
      Finding f = finding(at.file, at.range, r->message + where + " [Django security." + id_ + "]");
      if (!var.empty() && rule().severity == Severity::Error) f.severity_override = Severity::Note;
      out.push_back(std::move(f));
    }
  }

 private:
  std::string id_;
  const RuleCatalog& catalog_;
};

}  // namespace

TemplateInfo django_deploy_check_template() {
  return {"django-deploy-check", "One of Django's `check --deploy` security checks, on the deployed settings.", "check (a Django id: W001..W025, E023, E024)",
          [](const RuleSpec& rule, const RuleCatalog& catalog, std::string& error) -> std::unique_ptr<Check> {
            std::string id = rule.params["check"].value_or(std::string());
            static const std::set<std::string> ids = {"W001", "W002", "W003", "W004", "W005", "W006", "W008", "W009", "W010", "W011", "W012",
                                                      "W013", "W014", "W015", "W016", "W018", "W019", "W020", "W021", "W022", "E023", "E024", "W025"};
            if (!ids.count(id)) {
              error = "`check` must name one of Django's deploy checks (W001..W025, E023, E024)";
              return nullptr;
            }
            return std::make_unique<DjangoDeployCheck>(rule, id, catalog);
          }};
}

}  // namespace cfglint
