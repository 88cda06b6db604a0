// Template "collectstatic-without-static-root": `manage.py collectstatic` in a Dockerfile RUN or in a
// container's start-up, with settings whose STATIC_ROOT is unset (Django's default None) or empty and
// whose static files storage is the local file system. Django stops with ImproperlyConfigured: the image
// build fails, or the container exits before its server starts.
// Certain only when the settings module is (ENV / compose environment / manage.py's setdefault), its
// evaluation is complete (an absent STATIC_ROOT is then Django's default), and the storage is known to be
// one that writes to STATIC_ROOT.
#include "checks/django/collectstatic_without_static_root.h"

#include "checks/django/deploy_settings_view.h"
#include "core/strings.h"
#include "model/deployment_graph.h"
#include "model/service_settings.h"

namespace cfglint {
namespace {

constexpr const char* kError =
    "django.core.exceptions.ImproperlyConfigured: You're using the staticfiles app without having set the STATIC_ROOT setting to a "
    "filesystem path.";

// The settings leave STATIC_ROOT empty and collect to the local file system.
bool static_root_missing(const SettingsResult& s) {
  DeploySettingsView view(s);
  KnownSetting root = view.known("STATIC_ROOT");
  if (!root.known || DeploySettingsView::truthy(root, false)) return false;
  if (root.value && root.value->kind != PyValue::K::None && root.value->kind != PyValue::K::Str) return false;
  return view.collects_to_local_files();
}

bool runs_collectstatic(const std::string& command) { return command.find("collectstatic") != std::string::npos; }

// The command chooses its own settings (`--settings`, `DJANGO_SETTINGS_MODULE=... python manage.py`):
// cfglint does not follow it there.
bool own_settings(const std::string& command) {
  return command.find("--settings") != std::string::npos || command.find("DJANGO_SETTINGS_MODULE") != std::string::npos;
}

class CollectstaticWithoutStaticRoot final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    const ServiceSettings& settings = *project.service_settings;
    for (const auto& d : project.dockerfiles)
      for (const auto& ins : d.parsed.instructions) {
        std::string text = ins.exec_form ? join(ins.exec_args, " ") : ins.command;
        if (ins.keyword != "RUN" || !runs_collectstatic(text) || own_settings(text)) continue;
        const SettingsResult* s = settings.of_build(d.parsed, ins.stage, build_context_of(project, d));
        if (s && static_root_missing(*s))
          out.push_back(report({d.path, ins.range, "RUN"}, *s, "the image build fails"));
      }
    for (const auto& v : project.services) {
      bool collects = false;
      for (const auto& w : v.startup_work) collects |= runs_collectstatic(w);
      if (!collects || own_settings(join(v.argv, " "))) continue;
      const SettingsResult* s = settings.of(v);
      if (!s || !static_root_missing(*s)) continue;
      const Location& at = v.startup_location.file.empty() ? v.command_location : v.startup_location;
      Finding f = report(at, *s, "service `" + v.service.name + "` exits before its server starts");
      f.graph_edges.push_back(loads_edge(v, s->path));
      out.push_back(under_profiles(std::move(f), v.service.profiles));
    }
  }

 private:
  Finding report(const Location& at, const SettingsResult& s, const std::string& effect) const {
    Finding f = finding(at.file, at.range,
                        "`collectstatic` runs with " + s.path + ", which sets no STATIC_ROOT: Django stops with \"" + kError + "\" and " +
                            effect + "; set STATIC_ROOT to the folder to collect into (STATIC_ROOT = BASE_DIR / \"staticfiles\")");
    f.related.push_back({s.path, {{1, 1}, {1, 1}}, "the settings collectstatic loads"});
    return f;
  }

};

}  // namespace

TemplateInfo collectstatic_without_static_root_template() {
  return simple_template<CollectstaticWithoutStaticRoot>("collectstatic-without-static-root",
                                                          "collectstatic runs with no STATIC_ROOT, which Django refuses.");
}

}  // namespace cfglint
