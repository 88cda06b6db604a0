// The order in which the project model is derived, in one place. Per-file facts (compose files,
// Dockerfiles, scripts, Python modules, ...) are collected first; then each derived layer reads only
// the layers above it:
//   1. module index      (Python modules, importable from the folders processes start in)
//   2. compose projects  (root files with their overrides and includes)
//   3. services          (compose services resolved: overrides, extends, images, commands)
//   4. settings          (every settings-like module, evaluated abstractly)
//   5. deployed settings (the settings modules that deployments and served entry points load)
#pragma once
#include "model/project.h"
#include "rules/rule_catalog.h"

namespace cfglint {

void derive_project_model(Project& project, const RuleCatalog& catalog);

}  // namespace cfglint
