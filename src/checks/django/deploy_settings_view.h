// What Django's deploy checks ask of one evaluated settings module: is a setting known (a literal, or
// Django's default when absent from a complete evaluation), is it truthy, does a list hold an item.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/django_project.h"
#include "model/settings_eval.h"

namespace cfglint {

struct KnownSetting {
  bool known = false;
  ValueP value;                      // null when absent (Django's default applies)
  const SettingValue* at = nullptr;  // the assignment, when there is one
};

// One finding of a deploy check: what is wrong, and the assignment it is about (null: the module).
struct DeployResult {
  std::string message;
  const SettingValue* at = nullptr;
};

class DeploySettingsView {
 public:
  // `django_2_or_later`: whether the installed Django is 2.0 or later, which decides whether an old
  // MIDDLEWARE_CLASSES list is read (Django before 2.0) or ignored.
  explicit DeploySettingsView(const SettingsResult& s, Tri django_2_or_later = Tri::Unknown);

  KnownSetting known(const std::string& name) const;
  // Python truthiness of a known value; `absent` when the setting is not set.
  static bool truthy(const KnownSetting& k, bool absent);
  // Whether a list holds `item`; nullopt when that cannot be told (a list known only in part says yes).
  static std::optional<bool> contains(const KnownSetting& k, const std::string& item);

  std::optional<bool> has_middleware(const std::string& dotted) const { return contains(middleware_, dotted); }
  const KnownSetting& middleware() const { return middleware_; }
  // SecurityMiddleware is installed: the checks about its settings apply.
  bool security_middleware() const { return security_ && *security_; }
  // The finding `message` when the boolean setting `name` (Django default `absent`) is known and false.
  std::optional<DeployResult> flag_off(const char* name, bool absent, const std::string& message) const;
  const SettingsResult& settings() const { return s_; }
  // collectstatic writes to STATIC_ROOT on the local file system: STATICFILES_STORAGE and
  // STORAGES["staticfiles"] are known and name Django's or WhiteNoise's file storages (or are unset).
  bool collects_to_local_files() const;

 private:
  const SettingsResult& s_;
  KnownSetting middleware_;
  std::optional<bool> security_;
};

// Django's validate_host: "*", ".example.com" (the domain and its subdomains), or the exact host.
bool host_allowed(const std::string& host, const std::vector<std::string>& patterns);

// The hosts Django allows, or nullopt when not known: a literal list; an empty one under DEBUG allows
// localhost and the loopback addresses.
std::optional<std::vector<std::string>> allowed_hosts(const DeploySettingsView& view);

// True when every request reaches `middleware` (CommonMiddleware's host check, SecurityMiddleware's
// redirect) before any project code could answer it: MIDDLEWARE is known and only Django's own or known
// pass-through middleware comes first.
bool reaches_unanswered(const DeploySettingsView& view, const std::string& middleware);

// SILENCED_SYSTEM_CHECKS lists the check, or is not fully known (so may list it).
bool may_be_silenced(const SettingsResult& s, const std::string& check_id);

}  // namespace cfglint
