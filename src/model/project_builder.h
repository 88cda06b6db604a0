// The order in which the project model is derived, in one place. Per-file facts (compose files,
// Dockerfiles, scripts, Python modules, ...) are collected first; then each derived layer reads only
// the layers above it:
//   1. module index      (Python modules, importable from the folders processes start in)
//   2. settings          (every settings-like module, evaluated abstractly)
//   3. deployed settings (the settings modules that server entry points load)
//   4. compose projects  (root files with their overrides and includes)
//   5. services          (compose services resolved: overrides, extends, images, commands)
#pragma once
#include "model/project.h"
#include "rules/rule_catalog.h"

namespace cfglint {

void derive_project_model(Project& project, const RuleCatalog& catalog);

}  // namespace cfglint
