// Template "healthcheck-malformed": healthchecks that compose or Docker reject, or that do not mean what
// they say: a `test` not starting with CMD/CMD-SHELL/NONE, CMD-SHELL with extra items, NONE beside other
// settings, durations that do not parse, retries of 0 (which means Docker's default of 3, not zero).
// Timing note: `timeout >= interval` is fine in Docker (checks never overlap), so it is not reported.
#include "checks/containers/container_checks.h"
#include "model/duration.h"

#include <set>

namespace cfglint {
namespace {

class HealthcheckMalformed final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& cf : project.compose_files)
      for (const auto& s : cf.services) check_compose(cf.path, s, out);
    for (const auto& d : project.dockerfiles)
      for (const auto& ins : d.parsed.instructions)
        if (ins.keyword == "HEALTHCHECK") check_dockerfile(d.path, ins, out);
  }

 private:
  void check_compose(const std::string& file, const ComposeService& s, std::vector<Finding>& out) const {
    const ComposeHealthcheck& h = s.healthcheck;
    if (!h.present) return;
    std::string who = "service `" + s.name + "`: ";
    if (!h.string_form && !h.test.empty()) {
      const std::string& kind = h.test[0];
      if (kind != "CMD" && kind != "CMD-SHELL" && kind != "NONE")
        out.push_back(finding(file, h.test_range,
                              who + "a healthcheck `test` list must start with \"CMD\", \"CMD-SHELL\" or \"NONE\", not \"" + kind +
                                  "\"; compose rejects the file"));
      else if (kind == "CMD-SHELL" && h.test.size() != 2)
        check_shell_items(file, who, h, out);
      else if (kind == "CMD" && h.test.size() == 1)
        out.push_back(finding(file, h.test_range, who + "\"CMD\" with no command: the healthcheck has nothing to run"));
      else if (kind == "NONE" && (h.interval.present || h.timeout.present || h.retries.present || h.start_period.present))
        out.push_back(finding(file, h.test_range,
                              who + "the healthcheck is disabled with NONE but also sets timings, which have no effect; remove one or the other"));
    }
    for (const Located* d : {&h.interval, &h.timeout, &h.start_period, &h.start_interval}) {
      if (!d->present || d->value.find('$') != std::string::npos) continue;
      auto secs = parse_duration(d->value);
      if (!secs)
        out.push_back(finding(file, d->range,
                              who + "`" + d->value + "` is not a duration; compose rejects it (write e.g. 10s, 1m30s, 500ms)"));
      else if (*secs == 0 && d != &h.start_period)
        out.push_back(finding(file, d->range, who + "a duration of 0 means Docker's default (30s), not zero"));
    }
    if (h.retries.present && !h.retries.value.empty()) {
      bool digits = h.retries.value.find_first_not_of("0123456789") == std::string::npos;
      if (!digits && h.retries.value.find('$') == std::string::npos)
        out.push_back(finding(file, h.retries.range, who + "retries must be a whole number, not `" + h.retries.value + "`"));
      else if (h.retries.value == "0")
        out.push_back(finding(file, h.retries.range, who + "retries: 0 means Docker's default (3), not zero; write the number you mean"));
    }
  }

  // Docker runs CMD-SHELL as `sh -c ITEM1 ITEM2 ...`: sh reads leading options (`-c`, `-e`), takes the
  // first other item as the script and the rest as $0, $1, ... So ["CMD-SHELL", "-c", "cmd"] runs cmd
  // (fine), while ["CMD-SHELL", "curl", "-f", URL] runs a bare `curl`, which always fails.
  void check_shell_items(const std::string& file, const std::string& who, const ComposeHealthcheck& h,
                         std::vector<Finding>& out) const {
    size_t script = 1;
    while (script < h.test.size() && h.test[script].size() > 1 && h.test[script][0] == '-' && h.test[script] != "--") ++script;
    if (script < h.test.size() && h.test[script] == "--") ++script;
    if (script + 1 == h.test.size()) return;  // options, then one script: sh runs what was written
    if (script >= h.test.size()) {
      out.push_back(finding(file, h.test_range, who + "\"CMD-SHELL\" with no command: the healthcheck has nothing to run"));
      return;
    }
    const std::string& first = h.test[script];
    Finding f = finding(file, h.test_range,
                        who + "\"CMD-SHELL\" takes one string, the shell command; Docker runs `sh -c \"" + first + "\"` and passes the other " +
                            std::to_string(h.test.size() - script - 1) + " item(s) as $0, $1..., so they are not part of the check; "
                            "join them into one string or use \"CMD\"");
    // A program that cannot do anything without its arguments fails every time; anything else may still
    // pass without them (pg_isready alone checks the default socket), so that is only a warning.
    static const std::set<std::string> needs_arguments = {"curl", "wget", "nc", "test", "[", "grep"};
    if (!needs_arguments.count(first)) f.severity_override = Severity::Warning;
    out.push_back(std::move(f));
  }

  void check_dockerfile(const std::string& file, const DockerInstruction& ins, std::vector<Finding>& out) const {
    for (const auto& [flag, value] : ins.flags) {
      if (flag == "interval" || flag == "timeout" || flag == "start-period" || flag == "start-interval") {
        if (!parse_duration(value))
          out.push_back(finding(file, ins.range, "HEALTHCHECK --" + flag + "=" + value + " is not a duration; the build fails"));
      } else if (flag == "retries") {
        if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos)
          out.push_back(finding(file, ins.range, "HEALTHCHECK --retries=" + value + " is not a whole number; the build fails"));
      } else {
        out.push_back(finding(file, ins.range, "HEALTHCHECK has no option --" + flag + "; the build fails"));
      }
    }
    if (ins.command.empty() && ins.flags.empty() == false)
      out.push_back(finding(file, ins.range, "HEALTHCHECK has options but no CMD to run"));
  }
};

}  // namespace

TemplateInfo compose_healthcheck_malformed_template() {
  return simple_template<HealthcheckMalformed>("healthcheck-malformed", "Healthchecks that compose or Docker reject, or that mean something else.");
}

}  // namespace cfglint
