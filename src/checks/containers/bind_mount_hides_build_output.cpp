// Template "bind-mount-hides-build-output": a compose service bind-mounts a folder of the checkout over
// the place where its image built what the command needs: a virtualenv (`uv sync`, `python -m venv`,
// in-project `poetry install`) or node_modules (`npm ci`). The mount shows the host folder instead, and a
// fresh checkout has no such folder (it is gitignored, or simply not there): the program or its
// packages are missing and the container exits. An anonymous or named volume at the folder keeps the
// image's copy (Docker fills it from the image), and a folder committed to the repository is there.
// Reads the image's built folders (model/image_files), the service's volumes and its command.
#include "checks/containers/bind_mount_hides_build_output.h"

#include <algorithm>
#include <filesystem>

#include "core/strings.h"
#include "discovery/gitignore.h"
#include "model/command_sites.h"
#include "model/deployment.h"
#include "model/image_files.h"

namespace cfglint {
namespace {

// Work at start that makes the folder again: an install, or `uv run` (which syncs first).
bool reinstalls(const std::vector<std::vector<std::string>>& commands) {
  for (const auto& c : commands) {
    if (c.empty()) continue;
    std::string p = basename_of(c[0]), sub = c.size() > 1 ? c[1] : "";
    if ((p == "uv" && (sub == "sync" || sub == "run" || sub == "pip")) || (p.rfind("pip", 0) == 0 && sub == "install") ||
        ((p == "poetry" || p == "pipenv") && sub == "install") || (p == "npm" && (sub == "ci" || sub == "install" || sub == "i")) ||
        (p == "yarn" && (c.size() == 1 || sub == "install")) || (p == "pnpm" && (sub == "install" || sub == "i")))
      return true;
  }
  return false;
}

bool python_program(const std::string& word) {
  std::string p = basename_of(word);
  for (const char* tool : {"gunicorn", "uvicorn", "daphne", "hypercorn", "celery", "django-admin", "flask", "fastapi", "alembic"})
    if (p == tool) return true;
  return p.rfind("python", 0) == 0;
}

bool node_program(const std::string& word) {
  std::string p = basename_of(word);
  return p == "node" || p == "npm" || p == "npx" || p == "yarn" || p == "pnpm";
}

// The word of the command that needs `folder`, or "".
std::string needed_by(const BuiltFolder& folder, const std::vector<std::vector<std::string>>& commands, const std::string& path_var,
                      const std::string& workdir) {
  for (const auto& c : commands) {
    if (c.empty()) continue;
    if (folder.what == "virtualenv") {
      if (c[0].rfind(folder.path + "/bin/", 0) == 0) return c[0];
      if (python_program(c[0]) && c[0].find('/') == std::string::npos && (":" + path_var + ":").find(":" + folder.path + "/bin:") != std::string::npos)
        return c[0];
    } else if (node_program(c[0]) && without_trailing_slash(workdir) + "/node_modules" == folder.path) {
      return c[0];
    }
  }
  return "";
}

class BindMountHidesBuildOutput final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& v : project.services) {
      if (!v.dockerfile) continue;
      std::vector<BuiltFolder> folders = built_folders(v.dockerfile->parsed, v.stage);
      if (folders.empty()) continue;
      std::vector<std::vector<std::string>> commands = simple_commands(v.argv);
      if (commands.empty() || reinstalls(commands)) continue;
      std::string path_var;
      for (const auto& [k, value] : v.image.env)
        if (k == "PATH") path_var = value;
      std::string workdir = v.service.working_dir.present ? v.service.working_dir.value : v.image.workdir;
      for (const auto& f : folders) {
        const ComposeVolume* mount = volume_over(v.service, f.path);
        if (!mount || mount->named || mount->source.empty()) continue;  // the image's copy stays (or nothing hides it)
        std::string source = bind_source(*mount);
        if (source.empty() || source[0] != '.') continue;  // a host path outside the repository: unknown
        std::string host = normalize_path(dirname_of(v.file->path) + source + f.path.substr(without_trailing_slash(mount->target).size()));
        if (host.empty() || host.rfind("..", 0) == 0) continue;
        std::error_code ec;
        if (std::filesystem::is_directory(project.root + "/" + host, ec) && !gitignored(project.root, host + "/")) continue;  // committed
        std::string word = needed_by(f, commands, path_var, workdir);
        if (word.empty()) continue;
        out.push_back(report(v, *mount, f, host, word));
      }
    }
  }

 private:
  Finding report(const ContainerView& v, const ComposeVolume& mount, const BuiltFolder& f, const std::string& host,
                 const std::string& word) const {
    std::string error = f.what == "node_modules" ? "Error: Cannot find module ..."
                        : python_program(word) && basename_of(word).rfind("python", 0) == 0
                            ? "ModuleNotFoundError: No module named ..."
                            : "exec: \"" + word + "\": " + (word.find('/') != std::string::npos ? "stat " + word + ": no such file or directory"
                                                                                                 : "executable file not found in $PATH");
    std::string fix = f.what == "node_modules" ? "add an anonymous volume `- " + f.path + "` after the bind mount, so the image's node_modules stays"
                                               : "add an anonymous volume `- " + f.path + "` after the bind mount, or build the virtualenv outside the "
                                                 "mounted folder (UV_PROJECT_ENVIRONMENT=/opt/venv, `python -m venv /opt/venv`)";
    Finding finding_ = finding(v.file->path, mount.range,
                               "service `" + v.service.name + "` bind-mounts `" + mount.source + "` over " + without_trailing_slash(mount.target) + ", which hides " +
                                   f.path + ", the " + f.what + " its image built; a fresh checkout has no " + host + " (it is " +
                                   "not in the repository), so `" + word + "` fails at start with `" + error + "` and the container exits; " + fix);
    finding_.related.push_back({v.dockerfile->path, f.by->range, "the image builds the " + f.what + " here"});
    return under_profiles(std::move(finding_), v.service.profiles);
  }
};

}  // namespace

TemplateInfo bind_mount_hides_build_output_template() {
  return simple_template<BindMountHidesBuildOutput>("bind-mount-hides-build-output",
                                                    "A bind mount hides the virtualenv or node_modules the image built, which the command needs.");
}

}  // namespace cfglint
