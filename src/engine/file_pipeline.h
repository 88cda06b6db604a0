// One file through its front-end, its per-file checks and model extraction. Trees die here.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "engine/suppressions.h"
#include "model/project.h"

namespace cfglint {

struct FileResult {
  std::vector<Finding> findings;
  std::vector<Suppression> suppressions;
  std::optional<ComposeFile> compose;
  std::optional<DockerfileUnit> dockerfile;
  std::optional<EnvFileUnit> env;
  std::optional<DependencyUnit> dependencies;
  std::optional<ShellScriptUnit> script;
  std::optional<NginxFileUnit> nginx;
  std::vector<KubeWorkload> workloads;
  std::vector<KubeConfigMap> config_maps;
  std::optional<EcsTaskDefinition> task_definition;
  std::vector<ImageBuild> image_builds;  // builds a CI workflow or skaffold file declares
  std::vector<WrittenFile> written_files;  // files a script or CI step writes
  std::optional<PythonModule> python;
  std::optional<std::string> problem;  // could not be read
  std::optional<std::string> skipped;  // read, but not what its name says (a template, a diff): why
  bool mentions_settings_env = false;  // names DJANGO_SETTINGS_MODULE (env files, scripts, manifests)
  std::vector<std::string> upper_case_names;  // FOO_BAR words of a non-Python file (Project::names_outside_python)
  FileKind kind = FileKind::Unknown;   // refined (e.g. Yaml -> Kubernetes)
  uint64_t bytes = 0;
};

// Checks that apply to a file, with an RE2::Set prefilter over their patterns.
class CheckSet {
 public:
  explicit CheckSet(std::vector<std::unique_ptr<Check>> checks);
  ~CheckSet();
  const std::vector<std::unique_ptr<Check>>& checks() const { return checks_; }
  // Runs every check that reads `unit`'s kind and whose prefilter (if any) matches.
  void run_file_checks(const FileUnit& unit, std::vector<Finding>& out) const;

 private:
  struct Prefilter;
  std::vector<std::unique_ptr<Check>> checks_;
  std::unique_ptr<Prefilter> prefilter_;
};

// `text`, when given, is the file's content (standard input); else the file is read from `abs_path`.
FileResult process_file(const std::string& rel_path, const std::string& abs_path, FileKind kind, uint64_t max_size,
                        const CheckSet& checks, const std::string* text = nullptr);

}  // namespace cfglint
