// cfglint command line: check, rules, explain.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "engine/runner.h"
#include "reporters/reporter.h"
#include "reporters/rule_docs.h"

using namespace cfglint;

namespace {

int run_check(const RuleCatalog& catalog, RunOptions& opt, const std::vector<std::string>& formats,
              const std::vector<std::string>& outputs, const std::string& fail_on_flag, bool no_color, bool quiet,
              bool statistics) {
  if (outputs.size() > formats.size() && !(formats.empty() && outputs.size() == 1))
    throw UsageError("more --output files than --format options: pair each --output with a --format");
  std::vector<std::string> fmts = formats.empty() ? std::vector<std::string>{"text"} : formats;
  for (const auto& f : fmts)
    if (!find_reporter(f)) throw UsageError("unknown --format `" + f + "` (text, json, sarif, github)");
  if (fmts.size() > outputs.size() + 1) throw UsageError("only one --format can go to standard output; give --output FILE for the others");

  Engine engine(catalog);
  RunResult result = engine.run(opt);

  std::optional<Severity> fail_on = Severity::Error;
  bool never = false;
  if (result.config.fail_on_never) never = true;
  else if (result.config.fail_on) fail_on = result.config.fail_on;
  if (!fail_on_flag.empty()) {
    never = fail_on_flag == "never";
    if (!never) fail_on = parse_severity(fail_on_flag);
  }

  const char* nc = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  bool color = !no_color && !(nc && *nc) && ::isatty(STDOUT_FILENO) && !(term && std::string(term) == "dumb");
  for (size_t i = 0; i < fmts.size(); ++i) {
    const ReporterInfo* rep = find_reporter(fmts[i]);
    if (i < outputs.size()) {
      std::ofstream out(outputs[i], std::ios::binary);
      if (!out) throw UsageError("cannot write --output " + outputs[i]);
      ReportContext ctx{result, catalog, false, statistics, quiet};
      rep->write(out, ctx);
    } else {
      ReportContext ctx{result, catalog, color && fmts[i] == "text", statistics, quiet};
      rep->write(std::cout, ctx);
    }
  }
  std::cout.flush();
  if (never) return 0;
  for (const auto& f : result.findings)
    if (!f.suppressed && f.severity >= *fail_on) return 1;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cfglint: finds what will make a deployment crash, hang or loop on startup, before you deploy."};
  app.set_version_flag("--version", std::string("cfglint ") + CFGLINT_VERSION);
  app.require_subcommand(1);

  RunOptions opt;
  std::vector<std::string> formats, outputs;
  std::string fail_on;
  bool no_color = false, quiet = false, statistics = false;
  auto* check = app.add_subcommand("check", "Analyse a project (folders are walked; given files are reported on, the whole project is read)");
  check->add_option("paths", opt.paths, "Folders or files (default: .)");
  check->add_option("--format,-f", formats, "text, json, sarif or github (repeatable; pair with --output)");
  check->add_option("--output,-o", outputs, "Write the matching --format to FILE");
  check->add_option("--config", opt.config_path, "Configuration file (default: .cfglint.toml found upwards)");
  check->add_option("--select", opt.select, "Only these rules (ids, names or id prefixes)")->delimiter(',');
  check->add_option("--ignore", opt.ignore, "Skip these rules (ids, names or id prefixes)")->delimiter(',');
  check->add_option("--fail-on", fail_on, "Exit 1 when a finding is at or above: error, warning, note, never (default error)")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  check->add_option("--jobs,-j", opt.jobs, "Parallel jobs (default: all cores)");
  check->add_flag("--no-color", no_color, "No colours (also NO_COLOR=1)");
  check->add_flag("--quiet,-q", quiet, "One line per finding, no summary when clean");
  check->add_flag("--statistics", statistics, "Counts per rule after the findings");

  std::string rules_format = "table";
  auto* rules = app.add_subcommand("rules", "List every rule");
  rules->add_option("--format", rules_format, "table, json or markdown")->check(CLI::IsMember({"table", "json", "markdown"}));

  std::string explain_id, explain_format = "text";
  auto* explain = app.add_subcommand("explain", "Explain one rule: why it fails at deploy time and how to fix it");
  explain->add_option("rule", explain_id, "Rule id or name")->required();
  explain->add_option("--format", explain_format, "text or markdown")->check(CLI::IsMember({"text", "markdown"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  try {
    RuleCatalog catalog = RuleCatalog::builtin();
    if (*check) return run_check(catalog, opt, formats, outputs, fail_on, no_color, quiet, statistics);
    if (*rules) {
      if (rules_format == "json") write_rules_json(std::cout, catalog);
      else if (rules_format == "markdown") write_rules_markdown(std::cout, catalog);
      else write_rules_table(std::cout, catalog);
      return 0;
    }
    if (*explain) {
      const RuleSpec* r = catalog.find(explain_id);
      if (!r) throw UsageError("unknown rule `" + explain_id + "` (see `cfglint rules`)");
      if (explain_format == "markdown") write_rule_markdown(std::cout, *r);
      else write_rule_explain(std::cout, *r);
      return 0;
    }
  } catch (const UsageError& e) {
    std::cerr << "cfglint: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "cfglint: internal error: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
