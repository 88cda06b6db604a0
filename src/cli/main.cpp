// cfglint command line: check, rules, explain.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/baseline.h"
#include "engine/runner.h"
#include "reporters/reporter.h"
#include "reporters/rule_docs.h"

using namespace cfglint;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int run_baseline(const RuleCatalog& catalog, const RunOptions& opt, const std::string& output) {
  Engine engine(catalog);
  RunResult result = engine.run(opt);
  std::ofstream out(output, std::ios::binary);
  if (!out) throw UsageError("cannot write " + output);
  out << write_baseline(result);
  size_t n = 0;
  for (const auto& f : result.findings) n += f.suppressed ? 0 : 1;
  std::cerr << "cfglint: recorded " << n << " finding(s) in " << output << "; `cfglint check --baseline " << output
            << "` now reports only new ones\n";
  return 0;
}

struct OutputSpec {
  std::string format;
  std::string file;  // "" = standard output
};

// Pairs each --output with the --format given before it on the command line (an --output before any
// --format is for the default text format).
std::vector<OutputSpec> pair_outputs(const CLI::App& cmd, const CLI::Option* format_opt, const CLI::Option* output_opt,
                                     const std::vector<std::string>& formats, const std::vector<std::string>& outputs) {
  std::vector<OutputSpec> specs;
  size_t fi = 0, oi = 0;
  for (const CLI::Option* o : cmd.parse_order()) {
    if (o == format_opt && fi < formats.size()) {
      specs.push_back({formats[fi++], ""});
    } else if (o == output_opt && oi < outputs.size()) {
      if (specs.empty()) specs.push_back({"text", ""});
      if (!specs.back().file.empty()) throw UsageError("two --output options for one --format: give a --format before each --output");
      specs.back().file = outputs[oi++];
    }
  }
  if (specs.empty()) specs.push_back({"text", ""});
  size_t to_stdout = 0;
  for (const auto& s : specs) {
    if (!find_reporter(s.format)) throw UsageError("unknown --format `" + s.format + "` (text, json, sarif, github, gitlab, junit)");
    to_stdout += s.file.empty();
  }
  if (to_stdout > 1) throw UsageError("only one --format can go to standard output; give an --output FILE after the others");
  return specs;
}

int run_check(const RuleCatalog& catalog, RunOptions& opt, const std::vector<OutputSpec>& specs, const std::string& fail_on_flag,
              bool no_color, bool quiet, bool statistics, const std::string& baseline_path) {

  std::vector<BaselineEntry> baseline;
  if (!baseline_path.empty()) baseline = parse_baseline(read_text(baseline_path), baseline_path);
  Engine engine(catalog);
  RunResult result = engine.run(opt);
  if (!baseline_path.empty()) result.baseline_fixed = apply_baseline(result, baseline);

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
  for (const auto& spec : specs) {
    const ReporterInfo* rep = find_reporter(spec.format);
    if (!spec.file.empty()) {
      std::ofstream out(spec.file, std::ios::binary);
      if (!out) throw UsageError("cannot write --output " + spec.file);
      ReportContext ctx{result, catalog, false, statistics, quiet};
      rep->write(out, ctx);
    } else {
      ReportContext ctx{result, catalog, color && spec.format == "text", statistics, quiet};
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
  std::string baseline_path, baseline_output;
  auto* check = app.add_subcommand("check", "Analyse a project (folders are walked; given files are reported on, the whole project is read)");
  check->add_option("paths", opt.paths, "Folders or files (default: .)");
  auto* format_opt = check->add_option("--format,-f", formats, "text, json, sarif, github, gitlab or junit (repeatable)");
  auto* output_opt = check->add_option("--output,-o", outputs, "Write the --format given before it to FILE");
  check->add_option("--config", opt.config_path, "Configuration file (default: .cfglint.toml found upwards)");
  check->add_option("--select", opt.select, "Only these rules (ids, names or id prefixes)")->delimiter(',');
  check->add_option("--ignore", opt.ignore, "Skip these rules (ids, names or id prefixes)")->delimiter(',');
  check->add_option("--fail-on", fail_on, "Exit 1 when a finding is at or above: error, warning, note, never (default error)")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  check->add_option("--jobs,-j", opt.jobs, "Parallel jobs (default: all cores)");
  check->add_flag("--no-color", no_color, "No colours (also NO_COLOR=1)");
  check->add_flag("--quiet,-q", quiet, "One line per finding, no summary when clean");
  check->add_flag("--statistics", statistics, "Counts per rule after the findings");
  check->add_option("--baseline", baseline_path, "Report only findings that are not in this baseline file");

  auto* baseline = app.add_subcommand("baseline", "Record today's findings so that `check --baseline` reports only new ones");
  baseline->add_option("paths", opt.paths, "Folders or files (default: .)");
  baseline->add_option("--output,-o", baseline_output, "Baseline file to write")->required();
  baseline->add_option("--config", opt.config_path, "Configuration file");
  baseline->add_option("--select", opt.select, "Only these rules")->delimiter(',');
  baseline->add_option("--ignore", opt.ignore, "Skip these rules")->delimiter(',');
  baseline->add_option("--jobs,-j", opt.jobs, "Parallel jobs (default: all cores)");

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
    if (*check)
      return run_check(catalog, opt, pair_outputs(*check, format_opt, output_opt, formats, outputs), fail_on, no_color, quiet,
                       statistics, baseline_path);
    if (*baseline) return run_baseline(catalog, opt, baseline_output);
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
