// cfglint command line: check, baseline, graph, rules, explain, completions, manpage.
// Options and paths in any order, `--opt=value`, repeated options, `--` to end options (what users of ruff,
// hadolint and eslint type); every list option takes one value per occurrence so a path is never eaten.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/cli_reference.h"
#include "cli/output_specs.h"
#include "engine/baseline.h"
#include "engine/runner.h"
#include "model/deployment_graph.h"
#include "reporters/graph_writer.h"
#include "reporters/reporter.h"
#include "reporters/rule_docs.h"

using namespace cfglint;

namespace {

constexpr const char* kCommands = "check, baseline, graph, rules, explain, completions, manpage";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string version_line() {
  return std::string("cfglint ") + CFGLINT_VERSION + " (" + CFGLINT_COMMIT + ")";
}

// One value per occurrence, occurrences accumulate: `--format json .` leaves `.` to the paths.
CLI::Option* one_each(CLI::Option* o) {
  return o->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

// `--select A,B --select C`: comma lists, repeatable.
CLI::Option* rule_list(CLI::App* cmd, const std::string& name, std::vector<std::string>& into, const std::string& what) {
  return one_each(cmd->add_option(name, into, what)->delimiter(','));
}

struct CheckFlags {
  std::vector<std::string> formats, outputs;
  std::string fail_on, baseline_path, color = "auto", stdin_filename;
  bool no_color = false, quiet = false, statistics = false;
  CLI::Option* format_opt = nullptr;
  CLI::Option* output_opt = nullptr;
};

void add_selection_options(CLI::App* cmd, RunOptions& opt) {
  cmd->add_option("paths", opt.paths, "Folders or files (default: .); `-` reads standard input");
  cmd->add_option("--config", opt.config_path, "Configuration file (default: .cfglint.toml found upwards)");
  cmd->add_option("--root", opt.root, "Project root (default: the nearest folder above with .git or .cfglint.toml)");
  rule_list(cmd, "--select", opt.select, "Only these rules (ids, names or id prefixes; comma-separated, repeatable)");
  rule_list(cmd, "--ignore", opt.ignore, "Skip these rules (ids, names or id prefixes; comma-separated, repeatable)");
  cmd->add_flag("--force-exclude", opt.force_exclude, "Apply `exclude` to paths named on the command line too (for pre-commit)");
  cmd->add_option("--jobs,-j", opt.jobs, "Parallel jobs (default: all cores)")->check(CLI::Range(0u, 1024u));
}

CLI::App* add_check(CLI::App& app, RunOptions& opt, CheckFlags& f) {
  auto* check = app.add_subcommand("check", "Analyse a project (folders are walked; given files are reported on, the whole project is read)");
  add_selection_options(check, opt);
  std::vector<std::string> formats;
  for (const auto& r : reporters()) formats.push_back(r.name);
  f.format_opt = one_each(check->add_option("--format,-f", f.formats, "Output format (repeatable, each with its own --output)"))
                     ->check(choices_hint(formats));
  f.output_opt = one_each(check->add_option("--output,-o", f.outputs, "Write the --format given before it to FILE"));
  check->add_option("--fail-on", f.fail_on, "Exit 1 when a finding is at or above: error, warning, note, never (default error)")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  check->add_flag("--no-color", f.no_color, "No colours (also NO_COLOR=1)");
  check->add_option("--color", f.color, "auto, always or never (default auto: only on a terminal)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_flag("--quiet,-q", f.quiet, "One line per finding, no summary when clean");
  check->add_flag("--statistics", f.statistics, "Counts per rule after the findings");
  check->add_option("--baseline", f.baseline_path, "Report only findings that are not in this baseline file");
  check->add_option("--stdin-filename", f.stdin_filename, "With `-`: the path the standard input is checked as");
  return check;
}

bool use_color(const CheckFlags& f) {
  if (f.no_color || f.color == "never") return false;
  if (f.color == "always") return true;
  const char* nc = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return !(nc && *nc) && ::isatty(STDOUT_FILENO) && !(term && std::string(term) == "dumb");
}

// `-` on the command line: the standard input, checked as --stdin-filename inside its project.
void take_stdin(RunOptions& opt, const CheckFlags& f) {
  auto dash = std::find(opt.paths.begin(), opt.paths.end(), "-");
  if (dash == opt.paths.end()) {
    if (!f.stdin_filename.empty()) throw UsageError("--stdin-filename needs `-` among the paths");
    return;
  }
  if (f.stdin_filename.empty()) throw UsageError("`-` reads standard input: give --stdin-filename PATH to say what file it is");
  std::ostringstream ss;
  ss << std::cin.rdbuf();
  opt.stdin_text = ss.str();
  opt.stdin_path = f.stdin_filename;
  *dash = f.stdin_filename;
}

int exit_status(const RunResult& result, const std::string& fail_on_flag) {
  std::optional<Severity> fail_on = Severity::Error;
  bool never = result.config.fail_on_never;
  if (!never && result.config.fail_on) fail_on = result.config.fail_on;
  if (!fail_on_flag.empty()) {
    never = fail_on_flag == "never";
    if (!never) fail_on = parse_severity(fail_on_flag);
  }
  if (never) return 0;
  for (const auto& f : result.findings)
    if (!f.suppressed && f.severity >= *fail_on) return 1;
  return 0;
}

int run_check(const RuleCatalog& catalog, RunOptions& opt, const CLI::App& cmd, CheckFlags& f) {
  std::vector<OutputSpec> specs = pair_outputs(cmd, f.format_opt, f.output_opt, f.formats, f.outputs);
  take_stdin(opt, f);
  opt.free_model = false;  // the process exits after this run
  opt.list_files = false;
  for (const auto& spec : specs)
    if (const ReporterInfo* r = find_reporter(spec.format)) opt.list_files |= r->lists_files;
  std::vector<BaselineEntry> baseline;
  if (!f.baseline_path.empty()) baseline = parse_baseline(read_text(f.baseline_path), f.baseline_path);
  Engine engine(catalog);
  RunResult result = engine.run(opt);
  if (!f.baseline_path.empty()) result.baseline_fixed = apply_baseline(result, baseline);
  for (const auto& n : result.notices) std::cerr << "cfglint: warning: " << n << "\n";
  if (result.files_analyzed == 0)
    std::cerr << "cfglint: warning: no files analysed: nothing under the given paths is a file cfglint reads\n";

  bool color = use_color(f);
  for (const auto& spec : specs) {
    const ReporterInfo* rep = find_reporter(spec.format);
    if (!spec.file.empty()) {
      std::ofstream out(spec.file, std::ios::binary);
      if (!out) throw UsageError("cannot write --output " + spec.file);
      ReportContext ctx{result, engine.catalog(), false, f.statistics, f.quiet};
      rep->write(out, ctx);
    } else {
      ReportContext ctx{result, engine.catalog(), color && spec.format == "text", f.statistics, f.quiet};
      rep->write(std::cout, ctx);
    }
  }
  std::cout.flush();
  return exit_status(result, f.fail_on);
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

struct GraphOptions {
  std::vector<std::string> paths;
  std::string format = "mermaid", service, root;
};

// The model is built as `check` builds it (same discovery, configuration and references); only the
// parse-error rule runs, since the graph is the output.
int run_graph(const RuleCatalog& catalog, const GraphOptions& g) {
  RunOptions opt;
  if (!g.paths.empty()) opt.paths = g.paths;
  opt.root = g.root;
  opt.select = {kParseErrorRule};
  std::vector<DeploymentGraph> graphs;
  opt.on_model = [&](const Project& project) {
    DeploymentGraph graph = deployment_graph(project);
    graphs.push_back(g.service.empty() ? std::move(graph) : graph.around(g.service));
  };
  Engine(catalog).run(opt);
  bool any = false;
  for (const auto& graph : graphs) any |= !graph.nodes.empty();
  if (!g.service.empty() && !any) throw UsageError("no compose service or Kubernetes container is named `" + g.service + "`");
  for (const auto& graph : graphs) {
    if (g.format == "json") write_graph_json(std::cout, graph);
    else if (g.format == "dot") write_graph_dot(std::cout, graph);
    else write_graph_mermaid(std::cout, graph);
  }
  return 0;
}

// `rules` and `explain` include the rules of the project's configuration (`[[rule]]`, rules-dir).
RuleCatalog catalog_with_config(const std::string& config_path) {
  RuleCatalog catalog = RuleCatalog::builtin();
  load_config_rules(catalog, config_path);
  return catalog;
}

// A first word that is neither an option nor a command: name it, as git does.
bool unknown_command(int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return false;
  std::string c = argv[1];
  if (c == "check" || c == "baseline" || c == "graph" || c == "rules" || c == "explain" || c == "completions" || c == "manpage" || c == "help")
    return false;
  std::cerr << "cfglint: unknown command `" << c << "` (commands: " << kCommands << "; see `cfglint --help`)\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (std::string(argv[1]) == "--version" || std::string(argv[1]) == "-V")) {
    std::cout << version_line() << "\n";
    return 0;
  }
  if (unknown_command(argc, argv)) return 2;
  CLI::App app{"cfglint: finds what will make a deployment crash, hang or loop on startup, before you deploy."};
  app.set_version_flag("--version,-V", version_line());
  app.require_subcommand(1);
  app.positionals_at_end(false);

  RunOptions opt;
  CheckFlags flags;
  CLI::App* check = add_check(app, opt, flags);

  std::string baseline_output;
  auto* baseline = app.add_subcommand("baseline", "Record today's findings so that `check --baseline` reports only new ones");
  add_selection_options(baseline, opt);
  baseline->add_option("--output,-o", baseline_output, "Baseline file to write")->required();

  std::string rules_format = "table", rules_config;
  auto* rules = app.add_subcommand("rules", "List every rule (built-in and the project's own)");
  rules->add_option("--format,-f", rules_format, "table, json or markdown")->check(CLI::IsMember({"table", "json", "markdown"}));
  rules->add_option("--config", rules_config, "Configuration whose rules to include (default: .cfglint.toml found upwards)");

  std::string explain_id, explain_format = "text", explain_config;
  auto* explain = app.add_subcommand("explain", "Explain one rule: why it fails at deploy time and how to fix it");
  explain->add_option("rule", explain_id, "Rule id or name")->required();
  explain->add_option("--format,-f", explain_format, "text or markdown")->check(CLI::IsMember({"text", "markdown"}));
  explain->add_option("--config", explain_config, "Configuration whose rules to include (default: .cfglint.toml found upwards)");

  std::string shell;
  auto* completions = app.add_subcommand("completions", "Print the shell completion script (bash, zsh or fish)");
  completions->add_option("shell", shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  auto* manpage = app.add_subcommand("manpage", "Print the man page (roff), generated from the commands and the rules");

  GraphOptions graph_opt;
  auto* graph = app.add_subcommand("graph", "Print the deployment model cfglint understood: services, images, settings, env files and their links");
  graph->add_option("path", graph_opt.paths, "Project folder or file (default: .)");
  graph->add_option("--format,-f", graph_opt.format, "mermaid (pastes into a GitHub comment), dot or json")
      ->check(CLI::IsMember({"mermaid", "dot", "json"}));
  graph->add_option("--service", graph_opt.service, "Only this compose service or Kubernetes container, and what it links to");
  graph->add_option("--root", graph_opt.root, "Project root (default: the nearest folder above with .git or .cfglint.toml)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  try {
    if (*check) return run_check(RuleCatalog::builtin(), opt, *check, flags);
    if (*baseline) return run_baseline(RuleCatalog::builtin(), opt, baseline_output);
    if (*rules) {
      RuleCatalog catalog = catalog_with_config(rules_config);
      if (rules_format == "json") write_rules_json(std::cout, catalog);
      else if (rules_format == "markdown") write_rules_markdown(std::cout, catalog);
      else write_rules_table(std::cout, catalog);
      return 0;
    }
    if (*completions) return write_completion(std::cout, shell, app, RuleCatalog::builtin()) ? 0 : 2;
    if (*graph) return run_graph(RuleCatalog::builtin(), graph_opt);
    if (*manpage) {
      write_manpage(std::cout, app, RuleCatalog::builtin(), version_line());
      return 0;
    }
    if (*explain) {
      RuleCatalog catalog = catalog_with_config(explain_config);
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
