// The base of the rules about scripts a container starts (model/started_scripts.h): each rule says what
// is wrong with one started script; this reports it once per place, naming every service that starts it,
// and says it less loudly in a development compose file or under a compose profile.
#pragma once
#include <map>
#include <optional>
#include <tuple>

#include "checks/check.h"
#include "model/project.h"

namespace cfglint {

class StartedScriptCheck : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::map<std::tuple<std::string, uint32_t, std::string>, size_t> seen;  // (file, line, message) -> index in out
    for (const auto& s : project.started_scripts) {
      auto f = problem(s);
      if (!f) continue;
      auto key = std::make_tuple(f->where.file, f->where.range.begin.line, f->message);
      if (auto it = seen.find(key); it != seen.end()) {
        Finding& first = out[it->second];
        if (first.message.find(s.who) == std::string::npos) first.message += "; also started by " + s.who;
        continue;
      }
      if (s.development) f->severity_override = Severity::Warning;
      f->related.push_back({s.command.file, s.command.range, "how " + s.who + " starts it"});
      seen.emplace(key, out.size());
      out.push_back(under_profiles(std::move(*f), s.profiles));
    }
  }

 protected:
  virtual std::optional<Finding> problem(const StartedScript& s) const = 0;

  // "`/entrypoint.sh` (the repository's `docker/entrypoint.sh`)"
  static std::string named(const StartedScript& s) {
    return "`" + s.container_path + "` (the repository's `" + s.file.repo_path + "`)";
  }
};

}  // namespace cfglint
