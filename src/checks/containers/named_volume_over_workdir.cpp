// Template "named-volume-over-workdir": a named volume mounted on the folder the image copies its code
// to. Docker fills a new named volume from the image once; after that the volume wins, so every rebuilt
// image starts with the old code (and migrations that no longer match).
#include "checks/containers/container_checks.h"
#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

class NamedVolumeOverWorkdir final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& v : project.services) {
      if (!v.dockerfile || v.image.workdir.empty()) continue;
      // Is code copied into the workdir? (COPY/ADD in the final stage)
      const Dockerfile& df = v.dockerfile->parsed;
      const DockerInstruction* copy = nullptr;
      for (size_t i = df.stages[v.stage].first_instruction; i < df.stages[v.stage].end_instruction; ++i)
        if (df.instructions[i].keyword == "COPY" || df.instructions[i].keyword == "ADD") copy = &df.instructions[i];
      if (!copy) continue;
      for (const auto& vol : v.service.volumes) {
        if (!vol.named || without_trailing_slash(vol.target) != without_trailing_slash(v.image.workdir)) continue;
        Finding f = finding(v.name.file, vol.range,
                            "service `" + v.service.name + "` mounts the named volume `" + vol.source + "` over " + vol.target +
                                ", where the image puts its code: after the first run the volume's copy wins, so rebuilt images serve stale code");
        f.related.push_back({v.dockerfile->path, copy->range, "the image copies the application here (WORKDIR " + v.image.workdir + ")"});
        out.push_back(under_profiles(std::move(f), v.service.profiles));
      }
    }
  }
};

}  // namespace

TemplateInfo named_volume_over_workdir_template() {
  return simple_template<NamedVolumeOverWorkdir>("named-volume-over-workdir", "A named volume hides the application code of the image.");
}

}  // namespace cfglint
