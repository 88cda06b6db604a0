// Template "setting-env-string": a setting of a deployed settings module is the raw string of an
// environment variable (`os.environ.get("DEBUG", False)`, `os.getenv("ALLOWED_HOSTS")`: no cast, no
// comparison, no split) while Django uses it as another type. Parameters (the rule's [check] table):
//   settings = [...]      the setting names the rule covers
//   shape = "boolean"     every non-empty string is true: `DEBUG=False` turns DEBUG on
//   shape = "list"        Django iterates the string character by character
//   consequence = {NAME = "..."}   what that does for a setting (optional; a default per shape)
// The severity follows the evidence: a value a compose service or Kubernetes container receives that
// the string misreads is the rule's severity; one only in an env file no service reads is a warning;
// with no value in the repository it is a note (what will happen on the first misread value); when the
// deployments' values are all read right (ALLOWED_HOSTS="*"), nothing.
#include "checks/django/setting_env_string.h"

#include <optional>
#include <set>

#include "core/strings.h"
#include "model/deployment.h"
#include "model/process_env.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {

bool raw_reader(const std::string& reader) {
  return reader == "os.environ.get" || reader == "environ.get" || reader == "os.getenv" || reader == "getenv" || reader == "os.environ[...]";
}

bool false_looking(std::string v) {
  v = to_lower(trim(v));
  return v == "false" || v == "0" || v == "no" || v == "off" || v == "n" || v == "f";
}

class SettingEnvString final : public ProjectCheck {
 public:
  SettingEnvString(const RuleSpec& rule, std::set<std::string> settings, bool list, std::map<std::string, std::string> consequence)
      : ProjectCheck(rule), settings_(std::move(settings)), list_(list), consequence_(std::move(consequence)) {}

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const SettingsResult* s : project.deployed_settings_results) {
      for (const auto& name : settings_) {
        auto it = s->names.find(name);
        if (it == s->names.end() || !it->second.value) continue;
        const PyValue& v = *it->second.value;
        if (v.kind != PyValue::K::Env || !v.env_cast().empty() || v.env_var().empty() || !raw_reader(v.env_reader())) continue;
        if (!seen.insert({it->second.where.file, it->second.where.range.begin.line}).second) continue;
        if (auto f = report(project, name, v, it->second)) out.push_back(std::move(*f));
      }
    }
  }

 private:
  // A value the string misreads: a false-looking word for a boolean; for a list, anything longer than
  // one character (a one-character string iterates to itself: ALLOWED_HOSTS="*" works by accident).
  bool misread(const std::string& value) const {
    if (trim(value).empty()) return false;
    return list_ ? trim(value).size() > 1 : false_looking(value);
  }

  std::optional<Finding> report(const Project& project, const std::string& name, const PyValue& v, const SettingValue& at) const {
    const std::vector<VariableValue> values = values_of_variable(project, v.env_var());
    const VariableValue* evidence = nullptr;
    bool deployed_value = false;  // a service or container receives a value
    for (const auto& x : values) {
      deployed_value |= x.from_deployment && !trim(x.value).empty();
      if (misread(x.value) && (!evidence || (x.from_deployment && !evidence->from_deployment))) evidence = &x;
    }
    if (!evidence && deployed_value) return std::nullopt;  // every value the deployment gives is read right
    std::string read = name + " is the raw string of $" + v.env_var() + " (" + v.env_reader() + ", " +
                       (list_ ? "not split" : "no cast or comparison") + ")";
    std::string what = consequence(name);
    std::string message;
    if (evidence) {
      message = read + ": with " + v.env_var() + "=" + evidence->value + (evidence->receiver.empty() ? "" : " (" + evidence->receiver + ")") +
                ", " + what;
    } else {
      message = read + ": " + (list_ ? "any value longer than one character breaks it: " : "any non-empty value, \"False\" and \"0\" too, ") + what;
    }
    message += list_ ? "; split it: `[h.strip() for h in os.environ.get(\"" + v.env_var() + "\", \"\").split(\",\") if h.strip()]`"
                     : "; compare the text: `os.environ.get(\"" + v.env_var() + "\", \"False\").lower() in (\"1\", \"true\", \"yes\")`";
    Finding f = finding(at.where.file, at.where.range, message);
    if (evidence) {
      f.related.push_back({evidence->where.file, evidence->where.range, "sets " + v.env_var() + "=" + evidence->value});
      if (!evidence->from_deployment) f.severity_override = Severity::Warning;
    } else {
      f.severity_override = Severity::Note;
    }
    return f;
  }

  std::string consequence(const std::string& name) const {
    if (auto it = consequence_.find(name); it != consequence_.end()) return it->second;
    return list_ ? "Django reads " + name + " one character at a time" : "Python treats it as true and turns " + name + " on";
  }

  std::set<std::string> settings_;
  bool list_;
  std::map<std::string, std::string> consequence_;
};

}  // namespace

TemplateInfo setting_env_string_template() {
  return {"setting-env-string", "A setting is the raw string of an environment variable while Django uses another type.",
          "settings (names), shape (\"boolean\" or \"list\"), consequence (table: setting -> what happens)",
          [](const RuleSpec& rule, const RuleCatalog&, std::string& error) -> std::unique_ptr<Check> {
            std::string shape = rule.params["shape"].value_or(std::string());
            if (shape != "boolean" && shape != "list") {
              error = "shape must be \"boolean\" or \"list\"";
              return nullptr;
            }
            std::vector<std::string> names = toml_string_list(rule.params, "settings");
            if (names.empty()) {
              error = "settings must list at least one setting";
              return nullptr;
            }
            std::map<std::string, std::string> consequence;
            if (const auto* t = rule.params["consequence"].as_table())
              for (const auto& [k, val] : *t)
                if (auto text = val.value<std::string>()) consequence[std::string(k.str())] = *text;
            return std::make_unique<SettingEnvString>(rule, std::set<std::string>(names.begin(), names.end()), shape == "list",
                                                      std::move(consequence));
          }};
}

}  // namespace cfglint
