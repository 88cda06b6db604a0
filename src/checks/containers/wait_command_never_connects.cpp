// Template "wait-command-never-connects": a start-up runs `manage.py wait_for_db` (any management command
// named wait*), and the command's module catches OperationalError around database handles it never uses:
// Django connects lazily, so `connections["default"]` or `connection` alone never raises and the loop ends
// at once. The fact comes from the module's text (PythonModule::wait_without_connecting_line); the start-ups
// from the command sites.
#include "checks/containers/wait_command_never_connects.h"

#include <map>

#include "core/strings.h"
#include "model/command_model.h"
#include "model/command_sites.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

class WaitCommandNeverConnects final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::map<std::string, const PythonModule*> commands;  // name -> module
    for (const auto& m : project.python_modules)
      if (m.wait_without_connecting_line) {
        std::string base = basename_of(m.path);
        commands.emplace(base.substr(0, base.size() - 3), &m);
      }
    if (commands.empty()) return;
    std::map<const PythonModule*, std::vector<const CommandSite*>> started;
    for (const auto& site : project.command_sites)
      if (auto it = commands.find(management_command(site.argv)); it != commands.end()) started[it->second].push_back(&site);
    for (const auto& [m, sites] : started) {
      std::string name = basename_of(m->path).substr(0, basename_of(m->path).size() - 3);
      Range line{{m->wait_without_connecting_line, 1}, {m->wait_without_connecting_line, 1}};
      Finding f = finding(m->path, line,
                          "`manage.py " + name + "` never waits: it catches OperationalError, but nothing in it opens a connection, and "
                          "Django connects only on first use (a cursor, `ensure_connection()`), so `connections[...]` never raises and "
                          "the command returns at once; what runs after it (migrate, the server) races the database as if there were no "
                          "wait. Call `connections[\"default\"].ensure_connection()` inside the try");
      for (size_t i = 0; i < sites.size() && i < 4; ++i) f.related.push_back({sites[i]->where.file, sites[i]->where.range, "started here"});
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

TemplateInfo wait_command_never_connects_template() {
  return simple_template<WaitCommandNeverConnects>("wait-command-never-connects",
                                                   "A wait-for-database management command never opens a connection, so it never waits.");
}

}  // namespace cfglint
