// Template "server-option-unknown": `gunicorn --workers-class gevent app.wsgi`. gunicorn, daphne and
// hypercorn parse their command line with argparse and stop with "error: unrecognized arguments"; uvicorn
// uses click and stops with "Error: No such option". The container exits at once and restarts forever.
// Reads the command sites of the model and each server's option table (Project::server_options, from
// rules/knowledge/server_options.toml, generated from the servers' own sources for every release since
// the oldest one read). An option no release has is an error when the dependency files install a release
// the table covers, a warning when they do not say which; an option that only other releases have is an
// error only when the installed release is certain to lack it.
#include "checks/containers/server_option_unknown.h"

#include "core/strings.h"
#include "model/django_project.h"
#include "model/project.h"
#include "model/server_options.h"

namespace cfglint {
namespace {

std::string version_text(const std::vector<int>& v) {
  std::string s;
  for (int n : v) s += (s.empty() ? "" : ".") + std::to_string(n);
  return s;
}

// The exact error each parser prints.
std::string parser_error(const std::string& program, const std::string& word) {
  if (program == "uvicorn") return "\"Error: No such option: " + word + "\"";
  return "\"" + program + ": error: unrecognized arguments: " + word + "\"";
}

// The closest option the server has, when one is close enough to be the intended one.
std::string suggestion(const ServerOptionTable& table, const std::string& word) {
  std::string best;
  size_t best_distance = 3;
  for (const auto& [name, option] : table.options) {
    if (name.size() < 3 || !option.last.empty()) continue;
    size_t d = edit_distance(word, name);
    if (d < best_distance) best_distance = d, best = name;
  }
  return best.empty() ? "" : " (did you mean `" + best + "`?)";
}

// Whether the installed release certainly lacks an option that releases first..last have.
Tri lacks(const PackageVersion& p, const ServerOption& o, const ServerOptionTable& table) {
  if (!p.declared) return Tri::Unknown;
  bool unpinned = !p.exact && !p.lower && !p.upper;
  if (unpinned) return o.last.empty() ? Tri::No : Tri::Yes;  // pip installs the newest release
  if (p.exact) {
    if (*p.exact < table.oldest) return Tri::Unknown;  // older than any release read
    return *p.exact < o.first || (!o.last.empty() && *p.exact > o.last) ? Tri::Yes : Tri::No;
  }
  if (p.lower && !o.last.empty() && *p.lower > o.last) return Tri::Yes;
  if (p.upper && (p.upper_inclusive ? *p.upper < o.first : *p.upper <= o.first)) return Tri::Yes;
  return Tri::Unknown;
}

class ServerOptionUnknown final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& site : project.command_sites) {
      auto server = read_server_command(project.server_options, site.argv);
      if (!server || server->args.options.empty()) continue;
      // package_version() answers once per (package, folder)
      PackageVersion installed = package_version(project, server->table->program, site.where.file);
      for (const auto& word : server->args.options)
        if (auto f = judge(site, *server->table, word, site.argv[word.index], installed)) {
          if (project.development_compose_files.count(site.where.file)) f->severity_override = Severity::Warning;
          out.push_back(std::move(*f));
        }
    }
  }

 private:
  std::optional<Finding> judge(const CommandSite& site, const ServerOptionTable& table, const ServerArgs::Word& word,
                               const std::string& written, const PackageVersion& installed) const {
    // One argv item with a space ("--config /etc/app.py") means two things: exec'd directly, argparse takes
    // it for a positional; through a shell-form ENTRYPOINT that expands $@ unquoted, it is split into the
    // option and its value and works. Which one happens is not in this line, so say nothing.
    if (site.from != CommandSite::From::Script && written.find_first_of(" \t") != std::string::npos) return std::nullopt;
    const std::string& program = table.program;
    std::string shown = written.substr(0, written.find('='));
    std::string which = installed.declared ? program + " `" + (installed.specifier.empty() ? "(unpinned)" : installed.specifier) + "` (" +
                                                 installed.where.file + ")"
                                           : program;
    if (!word.known) {
      if (word.ambiguous) return std::nullopt;  // unique in some releases, perhaps the installed one
      if (installed.exact && *installed.exact < table.oldest) return std::nullopt;  // a release older than the table
      if (installed.lower && *installed.lower > table.newest) return std::nullopt;  // newer than the table
      Finding f = finding(site.where.file, site.where.range,
                          "`" + shown + "` is not an option of " + program + " (no release from " + version_text(table.oldest) + " to " +
                              version_text(table.newest) + " has it)" + suggestion(table, shown) + ": " + program + " exits at start with " +
                              parser_error(program, written) + " and the container restarts");
      if (installed.declared) f.related.push_back({installed.where.file, installed.where.range, "the " + program + " version installed"});
      else f.severity_override = Severity::Warning;  // which release runs is not known
      return f;
    }
    const ServerOption& o = table.options.find(word.name)->second;
    if (lacks(installed, o, table) != Tri::Yes) return std::nullopt;
    std::string range = o.last.empty() ? version_text(o.first) + " and later" : version_text(o.first) + " to " + version_text(o.last);
    Finding f = finding(site.where.file, site.where.range,
                        "`" + word.name + "` exists only in " + program + " " + range + ", but the dependency files install " + which + ": " +
                            program + " exits at start with " + parser_error(program, written) +
                            "; change the pin or drop the option");
    f.related.push_back({installed.where.file, installed.where.range, "the " + program + " version installed"});
    return f;
  }
};

}  // namespace

TemplateInfo server_option_unknown_template() {
  return simple_template<ServerOptionUnknown>("server-option-unknown",
                                              "A gunicorn, uvicorn, daphne or hypercorn command passes an option the installed version does not have.");
}

}  // namespace cfglint
