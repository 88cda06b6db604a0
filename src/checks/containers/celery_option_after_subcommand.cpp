// Template "celery-option-after-subcommand": `celery worker -A proj`. Celery 5 moved its command line to
// click: -A/--app, -b/--broker, --result-backend, --loader, --config and --workdir belong to the `celery`
// group and must come before the subcommand. After it, Celery 5 prints "You are using `-A` as an option of
// the worker sub-command" and exits with "Error: No such option: -A", so the container restarts forever.
// Celery 4 accepted both orders, so the installed version decides: an error when the dependency files
// install Celery 5 or later (an unpinned `celery` installs the newest), a warning when they do not say,
// nothing when they pin Celery 4. Reads the command sites of the model (model/command_sites.h).
#include "checks/containers/celery_option_after_subcommand.h"

#include <map>

#include "core/strings.h"
#include "model/django_project.h"
#include "model/command_model.h"
#include "model/project.h"

namespace cfglint {
namespace {

// Subcommands that parse their own options with click; `multi` passes its arguments on to each worker,
// and flower has options of its own with these names.
bool strict_subcommand(const std::string& w) {
  for (const char* s : {"worker", "beat", "events", "inspect", "control", "status", "purge", "shell", "call", "result", "report"})
    if (w == s) return true;
  return false;
}

struct Misplaced {
  std::string subcommand, option;
};

// Where `argv` runs celery with a global option after its subcommand.
std::optional<Misplaced> misplaced_option(const std::vector<std::string>& argv) {
  size_t i = 0;
  for (; i < argv.size(); ++i) {
    std::string p = basename_of(argv[i]);
    if (p == "celery") break;
    if (argv[i] == "-m" && i + 1 < argv.size() && argv[i + 1] == "celery") { ++i; break; }
  }
  if (i >= argv.size()) return std::nullopt;
  for (++i; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    if (celery_global_option_before_value(w)) { ++i; continue; }
    if (!w.empty() && w[0] == '-') continue;
    if (!strict_subcommand(w)) return std::nullopt;
    for (size_t k = i + 1; k < argv.size(); ++k) {
      if (argv[k] == "--") break;
      if (celery_global_option(argv[k])) return Misplaced{w, argv[k].substr(0, argv[k].find('='))};
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// "Celery `==5.3.4` (requirements.txt)", "the newest Celery (unpinned in requirements.txt)".
std::string installed(const PackageVersion& p, Tri five) {
  if (five != Tri::Yes) return "Celery 5 and later";
  if (p.specifier.empty()) return "the newest Celery (unpinned in " + p.where.file + ")";
  return "Celery `" + p.specifier + "` (" + p.where.file + ")";
}

class CeleryOptionAfterSubcommand final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::map<std::string, PackageVersion> by_folder;  // the declaration depends only on the folder
    for (const auto& site : project.command_sites) {
      auto m = misplaced_option(site.argv);
      if (!m) continue;
      auto known = by_folder.find(dirname_of(site.where.file));
      if (known == by_folder.end()) known = by_folder.emplace(dirname_of(site.where.file), package_version(project, "celery", site.where.file)).first;
      const PackageVersion& celery = known->second;
      Tri five = version_at_least(celery, {5});
      if (celery.declared && !celery.exact && !celery.lower && !celery.upper) five = Tri::Yes;  // unpinned: the newest
      if (five == Tri::No) continue;
      Finding f = finding(site.where.file, site.where.range,
                          "`celery " + m->subcommand + " " + m->option + "`: " + installed(celery, five) + " takes `" + m->option +
                              "` only before the subcommand and exits with \"Error: No such option: " + m->option +
                              "\" at start; move it before the subcommand: `celery " + m->option + " … " +
                              m->subcommand + " …`");
      if (five == Tri::Yes) f.related.push_back({celery.where.file, celery.where.range, "the Celery version installed"});
      else f.severity_override = Severity::Warning;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

TemplateInfo celery_option_after_subcommand_template() {
  return simple_template<CeleryOptionAfterSubcommand>(
      "celery-option-after-subcommand", "A Celery 5 command passes -A/--app (or another global option) after the subcommand.");
}

}  // namespace cfglint
