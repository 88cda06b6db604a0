#include "checks/django/deploy_settings_view.h"

namespace cfglint {

DeploySettingsView::DeploySettingsView(const SettingsResult& s) : s_(s) {
  middleware_ = known("MIDDLEWARE");
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

}  // namespace cfglint
