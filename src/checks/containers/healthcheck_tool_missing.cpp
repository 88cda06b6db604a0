// Template "healthcheck-tool-missing": the healthcheck runs curl or wget (or needs /bin/sh) in an image
// that does not have it. Docker reports "exec: curl: not found", the container is never healthy, and
// every service waiting for service_healthy never starts.
#include <set>

#include "checks/containers/container_checks.h"
#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

std::string describe_tools(const ImageFacts& img) {
  if (img.tools.empty()) return "neither curl nor wget";
  return "only " + join(std::vector<std::string>(img.tools.begin(), img.tools.end()), " and ");
}

class HealthcheckToolMissing final : public ProjectCheck {
 public:
  HealthcheckToolMissing(const RuleSpec& rule, const RuleCatalog& catalog) : ProjectCheck(rule), knowledge_(catalog) {}

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> reported;
    for (const auto& v : project.services) {
      if (v.health != ContainerView::Health::Compose && v.health != ContainerView::Health::Image) continue;
      std::string who = v.health == ContainerView::Health::Image ? "this HEALTHCHECK" : "the healthcheck of service `" + v.service.name + "`";
      check_one(v.healthcheck, v.healthcheck_location, v.image, who, out, reported, v.service.profiles);
    }
    // Dockerfiles that no compose service builds still run their HEALTHCHECK wherever they are deployed.
    for (const auto& d : project.dockerfiles) {
      const Dockerfile& df = d.parsed;
      if (df.stages.empty()) continue;
      ImageFacts img = dockerfile_image_facts(d, df.stages.size() - 1, knowledge_);
      const DockerInstruction* hc = img.healthcheck;
      if (!hc || hc->command == "NONE") continue;
      HealthcheckInfo info = analyze_exec_or_shell(hc->exec_args, hc->exec_form, hc->exec_form ? "" : hc->command);
      check_one(info, {d.path, hc->range, "HEALTHCHECK"}, img, "this HEALTHCHECK", out, reported, {});
    }
  }


 private:
  void check_one(const HealthcheckInfo& info, const Location& where, const ImageFacts& img, const std::string& who,
                 std::vector<Finding>& out, std::set<std::pair<std::string, uint32_t>>& reported, const std::vector<std::string>& profiles) const {
    if (!info.valid || !img.tools_known) return;
    if (!reported.insert({where.file, where.range.begin.line}).second) return;
    std::string missing;
    if (info.needs_shell && !img.shell) missing = "a shell (/bin/sh) for CMD-SHELL";
    for (const auto& p : info.programs)
      if ((p == "curl" || p == "wget") && !img.tools.count(p)) {
        missing = "`" + p + "`";
        break;
      }
    if (missing.empty()) return;
    Finding f = finding(where.file, where.range,
                        who + " needs " + missing + ", but the image (" + img.base_image + ") has " +
                            (info.needs_shell && !img.shell ? "no shell" : describe_tools(img)) +
                            "; the check fails with \"not found\" and the container never becomes healthy");
    if (!img.from.file.empty()) f.related.push_back({img.from.file, img.from.range, img.base_note.empty() ? "the image" : img.base_note});
    out.push_back(under_profiles(std::move(f), profiles));
  }

  ImageKnowledge knowledge_;
};

}  // namespace

TemplateInfo healthcheck_tool_missing_template() {
  return catalog_template<HealthcheckToolMissing>("healthcheck-tool-missing",
                                                  "A healthcheck runs curl/wget or a shell the image does not have.");
}

}  // namespace cfglint
