// Template "restart-loop-one-shot": a command that finishes (migrate, collectstatic, ...) under a policy
// that restarts it: compose `restart: always|unless-stopped`, or a Kubernetes Deployment/StatefulSet/
// DaemonSet (pods there always restart), which turns a successful migration into CrashLoopBackOff.
#include "checks/containers/container_checks.h"
#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

bool within(const Range& inner, const Range& outer) { return outer.begin <= inner.begin && inner.end <= outer.end; }

class RestartLoopOneShot final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& v : project.services) {
      const ComposeService& s = v.service;
      std::string policy = s.restart.present ? s.restart.value : "";
      if (policy != "always" && policy != "unless-stopped") continue;
      if (!v.command.one_shot) continue;
      // Report where `restart:` is written in the service; when it comes from an anchor, at the service.
      bool local = v.restart_file == v.file->path && within(s.restart.range, s.range);
      Location at = local ? Location{v.restart_file, s.restart.range, ""} : v.name;
      Finding f = finding(at.file, at.range,
                          "service `" + s.name + "` runs the one-shot command `" + v.command.one_shot_what + "` with `restart: " +
                              policy + "`: it exits when done and Docker starts it again, forever");
      if (!local) f.related.push_back({v.restart_file, s.restart.range, "`restart: " + policy + "` comes from here"});
      f.related.push_back({v.command_location.file, v.command_location.range,
                           v.command_from_image ? "the image's " + v.command_location.message + " runs it" : "the command"});
      out.push_back(under_profiles(std::move(f), v.service.profiles));
    }
    for (const auto& k : project.kube_containers) {
      const KubeWorkload& w = *k.workload;
      const KubeContainer& c = *k.container;
      if (w.kind != "Deployment" && w.kind != "StatefulSet" && w.kind != "DaemonSet" && w.kind != "ReplicaSet") continue;
      const CommandModel& m = k.manifest_command;
      if (c.init || !m.one_shot) continue;
      Finding f = finding(w.file, c.command_range,
                          w.kind + " `" + w.name + "` runs `" + m.one_shot_what + "` as its main container `" + c.name +
                              "`: pods of a " + w.kind + " always restart, so it ends in CrashLoopBackOff even when it succeeds");
      f.related.push_back({w.file, w.kind_range, "kind: " + w.kind});
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

TemplateInfo restart_loop_one_shot_template() {
  return simple_template<RestartLoopOneShot>("restart-loop-one-shot", "A one-shot command under a policy that restarts it forever.");
}

}  // namespace cfglint
