// Django's `check --deploy` security checks, one small function each, keyed by Django's id (W004).
// Adding one: a function below and a row in the table; then rules/CFG1xx-*.toml with `check = "Wxxx"`.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "checks/django/deploy_settings_view.h"

namespace cfglint {

using DeployCheckFn = std::optional<DeployResult> (*)(const DeploySettingsView&);

struct DeployCheckSpec {
  const char* id;
  DeployCheckFn run;
};

const DeployCheckSpec* find_deploy_check(std::string_view id);
std::string deploy_check_ids();  // "W001, W002, ..." for messages

}  // namespace cfglint
