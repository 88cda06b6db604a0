// Django facts across the deployment: which settings modules the processes load (DJANGO_SETTINGS_MODULE
// from Dockerfile ENV, compose and Kubernetes env, and the setdefault in manage.py/asgi.py/wsgi.py/
// celery.py), the evaluated settings, and installed package versions from dependency files.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/project.h"
#include "model/settings_eval.h"

namespace cfglint {

struct SettingsModuleRef {
  std::string dotted;
  Location where;      // where DJANGO_SETTINGS_MODULE is set
  std::string source;  // "Dockerfile ENV", "compose environment", "Kubernetes env", "os.environ.setdefault"
  // Set by the code's os.environ.setdefault: a default that a deployment's own setting overrides.
  bool is_default() const { return source.rfind("os.environ", 0) == 0; }
};

std::vector<SettingsModuleRef> settings_module_refs(const Project& project);

// True when the deployment creates the module's file itself: a compose bind mount onto it, a Dockerfile
// RUN cp/mv/ln, COPY or ADD naming it, an entrypoint script writing it.
bool placed_at_deploy(const Project& project, const std::string& dotted);

// True when git ignores the file of module `rest` (dotted, relative) inside the package whose
// __init__ is `package`: each checkout must create it (a local settings.py), so its absence in the
// repository says nothing about the deployment.
bool gitignored_module(const Project& project, const PythonModule& package, const std::string& rest);

// The project modules Python has run when `m` reaches source offset `order`: the packages above `m`
// (their __init__ and what those import) and `m`'s own imports before `order`, transitively.
std::vector<const PythonModule*> modules_run_before(const Project& project, const PythonModule& m, uint32_t order);

// Evaluates every settings-like module once (the engine stores the results in the project).
std::vector<SettingsResult> evaluate_all_settings(const Project& project);

// The settings modules deployments load: named by DJANGO_SETTINGS_MODULE in a Dockerfile ENV, compose or
// Kubernetes env, or by the setdefault in a module that a server command loads. Computed once per run.
std::vector<std::string> deployed_settings_paths(const Project& project, const std::vector<std::string>& served_modules);

struct PackageVersion {
  bool declared = false;      // the package appears in a dependency file
  std::string specifier;      // as written (first declaration found)
  bool locked = false;
  Location where;
  std::optional<std::vector<int>> exact;  // ==X or a lock file
  std::optional<std::vector<int>> lower;  // >=X / >X / ~=X
  std::optional<std::vector<int>> upper;  // <X / <=X
  bool upper_inclusive = false;
};

// The declaration that applies to code at `near_path`: dependency files in its folder or above (files
// pulled in with -r count where their includer is), the closest first, lock files over specifiers.
// Indexes the dependency files once (Project::dependency_scopes, requirements_by_name).
void index_dependencies(Project& project);
PackageVersion package_version(const Project& project, const std::string& normalized_name, const std::string& near_path = "");
std::vector<int> parse_version(std::string_view v);  // from the first digit, padded to three numbers
// The dotted numbers `v` starts with, unpadded ("9.6.15-alpine" -> 9 6 15; "latest", "alpine3.19" -> none).
std::vector<int> leading_version_numbers(std::string_view v);
// yes / no / unknown whether the installed version is >= `v`
enum class Tri { No, Yes, Unknown };
Tri version_at_least(const PackageVersion& p, std::vector<int> v);

}  // namespace cfglint
