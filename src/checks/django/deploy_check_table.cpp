#include "checks/django/deploy_check_table.h"

#include <set>
#include <vector>

#include "core/strings.h"

namespace cfglint {
namespace {

using View = DeploySettingsView;
using Result = std::optional<DeployResult>;

Result missing_middleware(const View& v, const char* dotted, const char* message) {
  if (auto has = v.has_middleware(dotted); has && !*has) return DeployResult{message, v.middleware().at};
  return std::nullopt;
}

bool weak_key(const std::string& key) {
  std::set<char> unique(key.begin(), key.end());
  return key.rfind("django-insecure-", 0) == 0 || key.size() < 50 || unique.size() < 5;
}

KnownSetting hsts(const View& v) { return v.known("SECURE_HSTS_SECONDS"); }
bool hsts_on(const View& v) {
  KnownSetting k = hsts(v);
  return v.security_middleware() && k.known && View::truthy(k, false);
}

Result w001(const View& v) {
  return missing_middleware(v, "django.middleware.security.SecurityMiddleware",
                            "MIDDLEWARE does not include SecurityMiddleware, so no HSTS, SSL redirect or security headers are applied");
}
Result w002(const View& v) {
  return missing_middleware(v, "django.middleware.clickjacking.XFrameOptionsMiddleware",
                            "MIDDLEWARE does not include XFrameOptionsMiddleware: pages can be framed (clickjacking)");
}
Result w003(const View& v) {
  return missing_middleware(v, "django.middleware.csrf.CsrfViewMiddleware", "MIDDLEWARE does not include CsrfViewMiddleware: forms have no CSRF protection");
}
Result w004(const View& v) {
  KnownSetting k = hsts(v);
  if (v.security_middleware() && k.known && !View::truthy(k, false))
    return DeployResult{"SECURE_HSTS_SECONDS is not set: browsers are not told to use HTTPS only (HSTS)", k.at};
  return std::nullopt;
}
Result w005(const View& v) {
  if (!hsts_on(v)) return std::nullopt;
  return v.flag_off("SECURE_HSTS_INCLUDE_SUBDOMAINS", false, "SECURE_HSTS_INCLUDE_SUBDOMAINS is not True: subdomains are not covered by HSTS");
}
Result w006(const View& v) {
  if (!v.security_middleware()) return std::nullopt;
  return v.flag_off("SECURE_CONTENT_TYPE_NOSNIFF", true, "SECURE_CONTENT_TYPE_NOSNIFF is False: browsers may sniff content types");
}
Result w008(const View& v) {
  if (!v.security_middleware()) return std::nullopt;
  return v.flag_off("SECURE_SSL_REDIRECT", false,
                    "SECURE_SSL_REDIRECT is not True: plain HTTP requests are served instead of redirected (fine only if a proxy redirects)");
}
Result w009(const View& v) {
  KnownSetting k = v.known("SECRET_KEY");
  if (!k.known || !k.value || k.value->kind != PyValue::K::Str) return std::nullopt;
  const std::string& key = k.value->text;
  if (key.rfind("django-insecure-", 0) == 0)
    return DeployResult{"SECRET_KEY is the generated development key (django-insecure-...): anyone with the repository can forge sessions and signatures", k.at};
  std::set<char> unique(key.begin(), key.end());
  if (weak_key(key))
    return DeployResult{"SECRET_KEY is weak (" + std::to_string(key.size()) + " characters, " + std::to_string(unique.size()) +
                            " distinct): use 50+ random characters from the environment",
                        k.at};
  return std::nullopt;
}

// W010..W015: the session cookie flag, told apart by where sessions are enabled (the app, the
// middleware or both), exactly as Django words them.
Result session_cookie(const View& v, const std::string& id) {
  bool secure_check = id <= "W012";
  KnownSetting k = v.known(secure_check ? "SESSION_COOKIE_SECURE" : "SESSION_COOKIE_HTTPONLY");
  if (!k.known || View::truthy(k, !secure_check)) return std::nullopt;
  auto app = View::contains(v.known("INSTALLED_APPS"), "django.contrib.sessions");
  auto middleware = v.has_middleware("django.contrib.sessions.middleware.SessionMiddleware");
  if (!app || !middleware) return std::nullopt;
  std::string which = (*app && *middleware) ? (secure_check ? "W012" : "W015")
                      : *app                ? (secure_check ? "W010" : "W013")
                      : *middleware         ? (secure_check ? "W011" : "W014")
                                            : "";
  if (which != id) return std::nullopt;
  return DeployResult{secure_check ? "SESSION_COOKIE_SECURE is not True: session cookies are sent over plain HTTP and can be stolen"
                                   : "SESSION_COOKIE_HTTPONLY is False: scripts can read the session cookie",
                      k.at};
}
Result w010(const View& v) { return session_cookie(v, "W010"); }
Result w011(const View& v) { return session_cookie(v, "W011"); }
Result w012(const View& v) { return session_cookie(v, "W012"); }
Result w013(const View& v) { return session_cookie(v, "W013"); }
Result w014(const View& v) { return session_cookie(v, "W014"); }
Result w015(const View& v) { return session_cookie(v, "W015"); }

Result w016(const View& v) {
  if (auto has = v.has_middleware("django.middleware.csrf.CsrfViewMiddleware"); !has || !*has) return std::nullopt;
  return v.flag_off("CSRF_COOKIE_SECURE", false, "CSRF_COOKIE_SECURE is not True: the CSRF cookie is sent over plain HTTP");
}
Result w018(const View& v) {
  KnownSetting k = v.known("DEBUG");
  if (k.known && View::truthy(k, false)) return DeployResult{"DEBUG is True in a deployed settings module: error pages leak settings, code and SQL", k.at};
  return std::nullopt;
}
Result w019(const View& v) {
  if (auto has = v.has_middleware("django.middleware.clickjacking.XFrameOptionsMiddleware"); !has || !*has) return std::nullopt;
  KnownSetting k = v.known("X_FRAME_OPTIONS");
  if (k.known && k.value && k.value->kind == PyValue::K::Str && k.value->text != "DENY")
    return DeployResult{"X_FRAME_OPTIONS is '" + k.value->text + "', not 'DENY': pages can be framed by the same origin", k.at};
  return std::nullopt;
}
Result w020(const View& v) {
  KnownSetting k = v.known("ALLOWED_HOSTS");
  if (!k.known || View::truthy(k, false)) return std::nullopt;
  // With DEBUG on, Django answers localhost, 127.0.0.1 and [::1] and nothing else.
  KnownSetting debug = v.known("DEBUG");
  if (debug.known && View::truthy(debug, false))
    return DeployResult{"ALLOWED_HOSTS is empty: DEBUG is on, so Django answers only Host localhost, 127.0.0.1 and [::1]; a request for "
                        "the site's own name gets 400 Bad Request (and every request does once DEBUG is off)", k.at};
  return DeployResult{"ALLOWED_HOSTS is empty: with DEBUG off every request gets 400 Bad Request", k.at};
  return std::nullopt;
}
Result w021(const View& v) {
  if (!hsts_on(v)) return std::nullopt;
  return v.flag_off("SECURE_HSTS_PRELOAD", false, "SECURE_HSTS_PRELOAD is not True: the site cannot be submitted to the HSTS preload list");
}
Result w022(const View& v) {
  if (!v.security_middleware()) return std::nullopt;
  KnownSetting k = v.known("SECURE_REFERRER_POLICY");
  if (k.known && k.value && !View::truthy(k, true)) return DeployResult{"SECURE_REFERRER_POLICY is not set: full URLs leak in the Referer header", k.at};
  return std::nullopt;
}
Result e023(const View& v) {
  static const std::set<std::string> valid = {"no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin",
                                              "strict-origin", "strict-origin-when-cross-origin", "unsafe-url"};
  KnownSetting k = v.known("SECURE_REFERRER_POLICY");
  if (!v.security_middleware() || !k.known || !k.value || k.value->kind != PyValue::K::Str) return std::nullopt;
  for (auto part : split(k.value->text, ','))
    if (!valid.count(std::string(trim(part)))) return DeployResult{"SECURE_REFERRER_POLICY has an invalid value '" + std::string(trim(part)) + "'", k.at};
  return std::nullopt;
}
Result e024(const View& v) {
  static const std::set<std::string> valid = {"same-origin", "same-origin-allow-popups", "unsafe-none"};
  KnownSetting k = v.known("SECURE_CROSS_ORIGIN_OPENER_POLICY");
  if (v.security_middleware() && k.known && k.value && k.value->kind == PyValue::K::Str && !valid.count(k.value->text))
    return DeployResult{"SECURE_CROSS_ORIGIN_OPENER_POLICY has an invalid value '" + k.value->text + "'", k.at};
  return std::nullopt;
}
Result w025(const View& v) {
  KnownSetting k = v.known("SECRET_KEY_FALLBACKS");
  if (!k.known || !k.value || !k.value->is_sequence()) return std::nullopt;
  for (const auto& key : k.value->items)
    if (key && key->kind == PyValue::K::Str && weak_key(key->text))
      return DeployResult{"a SECRET_KEY_FALLBACKS entry is weak: old signatures stay forgeable", k.at};
  return std::nullopt;
}

const std::vector<DeployCheckSpec>& table() {
  static const std::vector<DeployCheckSpec> t = {
      {"W001", w001}, {"W002", w002}, {"W003", w003}, {"W004", w004}, {"W005", w005}, {"W006", w006}, {"W008", w008},
      {"W009", w009}, {"W010", w010}, {"W011", w011}, {"W012", w012}, {"W013", w013}, {"W014", w014}, {"W015", w015},
      {"W016", w016}, {"W018", w018}, {"W019", w019}, {"W020", w020}, {"W021", w021}, {"W022", w022}, {"E023", e023},
      {"E024", e024}, {"W025", w025},
  };
  return t;
}

}  // namespace

const DeployCheckSpec* find_deploy_check(std::string_view id) {
  for (const auto& c : table())
    if (id == c.id) return &c;
  return nullptr;
}

std::string deploy_check_ids() {
  std::vector<std::string> ids;
  for (const auto& c : table()) ids.emplace_back(c.id);
  return join(ids, ", ");
}

}  // namespace cfglint
