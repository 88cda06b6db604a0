#include "checks/django/deploy_settings_view.h"

#include "core/strings.h"

namespace cfglint {

DeploySettingsView::DeploySettingsView(const SettingsResult& s, Tri django_2_or_later) : s_(s) {
  middleware_ = known("MIDDLEWARE");
  // Django before 1.10 reads MIDDLEWARE_CLASSES, and 1.10-1.11 fall back to it when MIDDLEWARE is unset;
  // 2.0 ignores it (CFG147 says so). With the version unknown, which list runs is unknown.
  if (!middleware_.at && s_.names.count("MIDDLEWARE_CLASSES") && django_2_or_later != Tri::Yes) {
    if (django_2_or_later == Tri::No) middleware_ = known("MIDDLEWARE_CLASSES");
    else middleware_.known = false;
  }
  security_ = contains(middleware_, "django.middleware.security.SecurityMiddleware");
}

KnownSetting DeploySettingsView::known(const std::string& name) const {
  KnownSetting k;
  auto it = s_.names.find(name);
  if (it == s_.names.end()) {
    k.known = s_.complete;  // absent: Django's default, unless names came from where cfglint cannot see
    return k;
  }
  k.at = &it->second;
  k.value = it->second.value;
  k.known = !it->second.maybe && k.value && k.value->kind != PyValue::K::Unknown && k.value->kind != PyValue::K::Env &&
            k.value->kind != PyValue::K::Function && !k.value->partial;
  return k;
}

namespace {

bool local_storage(const std::string& backend) {
  for (const char* local : {"django.contrib.staticfiles.storage.StaticFilesStorage", "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
                            "whitenoise.storage.CompressedManifestStaticFilesStorage", "whitenoise.storage.CompressedStaticFilesStorage",
                            "django.core.files.storage.FileSystemStorage"})
    if (backend == local) return true;
  return false;
}

}  // namespace

bool DeploySettingsView::collects_to_local_files() const {
  KnownSetting legacy = known("STATICFILES_STORAGE");
  if (!legacy.known) return false;
  if (legacy.value && (legacy.value->kind != PyValue::K::Str || !local_storage(legacy.value->text))) return false;
  KnownSetting storages = known("STORAGES");
  if (!storages.known) return false;
  if (storages.value) {
    ValueP staticfiles = storages.value->get("staticfiles");
    ValueP backend = staticfiles ? staticfiles->get("BACKEND") : nullptr;
    if (!backend || backend->kind != PyValue::K::Str || !local_storage(backend->text)) return false;
  }
  return true;
}

bool DeploySettingsView::truthy(const KnownSetting& k, bool absent) {
  if (!k.value) return absent;
  const PyValue& v = *k.value;
  switch (v.kind) {
    case PyValue::K::None: return false;
    case PyValue::K::Bool: return v.text == "True";
    case PyValue::K::Num: return v.text.find_first_not_of("0._") != std::string::npos;
    case PyValue::K::Str: return !v.text.empty();
    default: return !v.items.empty() || !v.entries.empty();
  }
}

std::optional<bool> DeploySettingsView::contains(const KnownSetting& k, const std::string& item) {
  if (!k.value) return k.known ? std::optional<bool>(false) : std::nullopt;
  if (!k.value->is_sequence() || (k.at && k.at->maybe)) return std::nullopt;
  bool all_known = !k.value->partial;
  for (const auto& i : k.value->items) {
    if (i && i->kind == PyValue::K::Str && i->text == item) return true;
    all_known &= i && i->kind == PyValue::K::Str;
  }
  return all_known ? std::optional<bool>(false) : std::nullopt;
}

std::optional<DeployResult> DeploySettingsView::flag_off(const char* name, bool absent, const std::string& message) const {
  KnownSetting k = known(name);
  if (!k.known || truthy(k, absent)) return std::nullopt;
  return DeployResult{message, k.at};
}

bool may_be_silenced(const SettingsResult& s, const std::string& check_id) {
  auto it = s.names.find("SILENCED_SYSTEM_CHECKS");
  if (it == s.names.end()) return false;
  const ValueP& v = it->second.value;
  if (!v || !v->is_sequence()) return true;
  for (const auto& i : v->items)
    if (!i || i->kind != PyValue::K::Str || i->text == check_id) return true;
  return false;
}

bool host_allowed(const std::string& host, const std::vector<std::string>& patterns) {
  for (const auto& p : patterns) {
    std::string pat = to_lower(p);
    if (pat == "*" || pat == host) return true;
    if (!pat.empty() && pat[0] == '.' && (host == pat.substr(1) || ends_with(host, pat))) return true;
  }
  return false;
}

namespace {
// Middleware that cannot answer a health request itself.
bool passes_through(const std::string& dotted) {
  for (const char* prefix : {"django.", "whitenoise.", "corsheaders.", "django_prometheus."})
    if (dotted.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

bool reaches_unanswered(const DeploySettingsView& view, const std::string& middleware) {
  const KnownSetting& mw = view.middleware();
  if (!mw.known || !mw.value || !mw.value->is_sequence() || mw.value->partial) return false;
  for (const auto& item : mw.value->items) {
    if (!item || item->kind != PyValue::K::Str) return false;
    if (item->text == middleware) return true;
    if (!passes_through(item->text)) return false;
  }
  return false;
}

std::optional<std::vector<std::string>> allowed_hosts(const DeploySettingsView& view) {
  KnownSetting hosts = view.known("ALLOWED_HOSTS");
  if (!hosts.known) return std::nullopt;
  if (hosts.value && (!hosts.value->is_sequence() || hosts.value->partial || !hosts.value->from_env_default().empty())) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : hosts.value ? hosts.value->items : std::vector<ValueP>{}) {
    if (!item || item->kind != PyValue::K::Str) return std::nullopt;
    out.push_back(item->text);
  }
  if (out.empty()) {
    KnownSetting debug = view.known("DEBUG");
    if (!debug.known || !debug.value || debug.value->kind != PyValue::K::Bool) return std::nullopt;
    if (debug.value->text == "True") out = {".localhost", "127.0.0.1", "[::1]"};
  }
  return out;
}

}  // namespace cfglint
