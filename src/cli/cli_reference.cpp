#include "cli/cli_reference.h"

#include <sstream>

#include "core/strings.h"

namespace cfglint {
namespace {

// What the man page and the completions need to know about one option.
struct OptionDoc {
  std::vector<std::string> names;  // --format, -f
  std::string description;
  std::vector<std::string> choices;
  bool takes_value = false;
  bool positional = false;
  std::string value_name;  // FILE, TEXT, UINT
};

std::vector<std::string> choices_of(const std::string& type_name) {
  size_t open = type_name.find('{'), close = type_name.find('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::vector<std::string> out;
  for (auto part : split(std::string_view(type_name).substr(open + 1, close - open - 1), ','))
    if (!trim(part).empty()) out.emplace_back(trim(part));
  return out;
}

std::vector<OptionDoc> options_of(const CLI::App& cmd) {
  std::vector<OptionDoc> out;
  for (const CLI::Option* o : cmd.get_options()) {
    OptionDoc d;
    d.positional = o->get_lnames().empty() && o->get_snames().empty();
    for (const auto& l : o->get_lnames()) d.names.push_back("--" + l);
    for (const auto& s : o->get_snames()) d.names.push_back("-" + s);
    if (d.positional) d.names.push_back(o->get_name());
    d.description = o->get_description();
    d.takes_value = o->get_expected_max() > 0;  // flags expect no value
    std::string type = o->get_type_name();
    d.choices = choices_of(type);
    d.value_name = type.substr(0, type.find(':'));
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<const CLI::App*> commands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* c) { return !c->get_group().empty(); });
}

bool is_file_option(const OptionDoc& o) {
  for (const auto& n : o.names)
    if (n == "--output" || n == "--config" || n == "--baseline" || n == "--root" || n == "--stdin-filename" || n == "paths") return true;
  return false;
}

bool is_rule_option(const OptionDoc& o) {
  for (const auto& n : o.names)
    if (n == "--select" || n == "--ignore" || n == "rule") return true;
  return false;
}

std::string rule_words(const RuleCatalog& catalog) {
  std::string words;
  for (const auto& r : catalog.all()) words += (words.empty() ? "" : " ") + r.id;
  return words;
}

// roff: a leading dot or quote starts a request; backslashes and hyphens in option names are escaped.
std::string roff(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

void manpage_command(std::ostream& os, const CLI::App& cmd) {
  os << ".SS \"cfglint " << cmd.get_name() << "\"\n" << roff(cmd.get_description()) << "\n";
  for (const auto& o : options_of(cmd)) {
    if (o.names.front() == "--help") continue;
    os << ".TP\n.B " << roff(join(o.names, ", "));
    if (o.takes_value && !o.positional) os << " \\fI" << o.value_name << "\\fR";
    os << "\n" << roff(o.description);
    if (!o.choices.empty()) os << " Values: " << roff(join(o.choices, ", ")) << ".";
    os << "\n";
  }
}

}  // namespace

CLI::Validator choices_hint(const std::vector<std::string>& values) {
  return CLI::Validator([](const std::string&) { return std::string(); }, "{" + join(values, ",") + "}");
}

void write_manpage(std::ostream& os, const CLI::App& app, const RuleCatalog& catalog, const std::string& version) {
  os << ".TH CFGLINT 1 \"\" \"" << roff(version) << "\" \"User Commands\"\n"
     << ".SH NAME\ncfglint \\- " << roff(app.get_description().substr(app.get_description().find(':') + 2)) << "\n"
     << ".SH SYNOPSIS\n";
  for (const CLI::App* c : commands_of(app)) os << ".B cfglint " << c->get_name() << "\n[\\fIOPTIONS\\fR] ...\n.br\n";
  os << ".SH DESCRIPTION\ncfglint reads a repository the way the deployment runs it (compose services, Kubernetes workloads, "
        "Dockerfiles, the commands they start, the Python modules and Django settings those load) and reports what will "
        "crash, hang, be unreachable or loop on start-up, with the file, the line and the chain of evidence. "
        "It never executes project code.\n"
     << ".SH COMMANDS\n";
  for (const CLI::App* c : commands_of(app)) manpage_command(os, *c);
  os << ".SH EXIT STATUS\n.TP\n.B 0\nNo finding at or above the \\-\\-fail\\-on severity.\n"
        ".TP\n.B 1\nAt least one such finding.\n.TP\n.B 2\nA usage error: an unknown option, rule or format, a configuration "
        "that does not load, a named file that cannot be read.\n.TP\n.B 3\nAn internal error.\n"
     << ".SH FILES\n.TP\n.I .cfglint.toml\nConfiguration, found upwards from the analysed folder; its folder is the project root.\n"
     << ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nWhen set and not empty, no colours.\n"
     << ".SH RULES\n";
  for (const auto& r : catalog.all())
    os << ".TP\n.B " << r.id << " " << roff(r.name) << " (" << severity_name(r.severity) << ")\n" << roff(r.summary) << "\n";
  os << ".SH SEE ALSO\n\\fBcfglint explain\\fR \\fIRULE\\fR for why a rule fails a deployment and how to fix it.\n";
}

bool write_completion(std::ostream& os, const std::string& shell, const CLI::App& app, const RuleCatalog& catalog) {
  std::string commands;
  for (const CLI::App* c : commands_of(app)) commands += (commands.empty() ? "" : " ") + c->get_name();
  const std::string rules = rule_words(catalog);
  if (shell == "bash") {
    os << "# bash completion for cfglint (generated by `cfglint completions bash`)\n_cfglint() {\n"
       << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd= w\n"
       << "  local rules=\"" << rules << "\"\n"
       << "  for w in \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"; do case $w in " << replace_all(commands, " ", "|")
       << ") cmd=$w; break;; esac; done\n"
       << "  if [[ -z $cmd ]]; then COMPREPLY=($(compgen -W \"" << commands << " --help --version\" -- \"$cur\")); return; fi\n"
       << "  case $cmd:$prev in\n";
    for (const CLI::App* c : commands_of(app))
      for (const auto& o : options_of(*c)) {
        if (!o.takes_value || o.positional) continue;
        std::string pattern;
        for (const auto& n : o.names) pattern += (pattern.empty() ? "" : "|") + c->get_name() + ":" + n;
        std::string words = !o.choices.empty() ? join(o.choices, " ") : is_rule_option(o) ? "$rules" : "";
        if (!words.empty()) os << "    " << pattern << ") COMPREPLY=($(compgen -W \"" << words << "\" -- \"$cur\")); return;;\n";
        else if (is_file_option(o)) os << "    " << pattern << ") COMPREPLY=($(compgen -f -- \"$cur\")); return;;\n";
        else os << "    " << pattern << ") return;;\n";
      }
    os << "  esac\n  local opts words=\n  case $cmd in\n";
    for (const CLI::App* c : commands_of(app)) {
      std::vector<std::string> names;
      std::string words;
      for (const auto& o : options_of(*c)) {
        if (!o.positional) names.insert(names.end(), o.names.begin(), o.names.end());
        else words = !o.choices.empty() ? join(o.choices, " ") : is_rule_option(o) ? "$rules" : "";
      }
      os << "    " << c->get_name() << ") opts=\"" << join(names, " ") << "\" words=\"" << words << "\";;\n";
    }
    os << "  esac\n"
       << "  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
       << "  elif [[ -n $words ]]; then COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
       << "  else COMPREPLY=($(compgen -f -- \"$cur\")); fi\n}\n"
       << "complete -o filenames -o bashdefault -F _cfglint cfglint\n";
    return true;
  }
  if (shell == "zsh") {
    os << "#compdef cfglint\n# zsh completion for cfglint (generated by `cfglint completions zsh`)\n_cfglint() {\n"
       << "  local -a commands\n  commands=(\n";
    for (const CLI::App* c : commands_of(app)) os << "    '" << c->get_name() << ":" << replace_all(c->get_description(), "'", "'\\''") << "'\n";
    os << "  )\n  if (( CURRENT == 2 )); then _describe command commands; return; fi\n"
       << "  local sub=$words[2]\n  shift words; (( CURRENT-- ))  # _arguments sees the subcommand as the command\n"
       << "  case $sub in\n";
    for (const CLI::App* c : commands_of(app)) {
      os << "    " << c->get_name() << ") _arguments";
      for (const auto& o : options_of(*c)) {
        std::string desc = replace_all(replace_all(o.description, "'", "'\\''"), "]", "\\]");
        std::string action = !o.choices.empty() ? ":value:(" + join(o.choices, " ") + ")"
                             : is_rule_option(o)  ? ":rule:(" + rules + ")"
                             : is_file_option(o)  ? ":file:_files"
                             : o.takes_value      ? ":value:"
                                                  : "";
        if (o.positional) os << " \\\n        '*" << action << "'";
        else
          for (const auto& n : o.names) os << " \\\n        '" << n << "[" << desc << "]" << action << "'";
      }
      os << ";;\n";
    }
    os << "  esac\n}\n_cfglint \"$@\"\n";
    return true;
  }
  if (shell == "fish") {
    os << "# fish completion for cfglint (generated by `cfglint completions fish`)\n"
       << "complete -c cfglint -f\n";
    for (const CLI::App* c : commands_of(app))
      os << "complete -c cfglint -n '__fish_use_subcommand' -a " << c->get_name() << " -d '" << replace_all(c->get_description(), "'", "\\'") << "'\n";
    for (const CLI::App* c : commands_of(app))
      for (const auto& o : options_of(*c)) {
        std::string cond = "-n '__fish_seen_subcommand_from " + c->get_name() + "'";
        std::string values = !o.choices.empty() ? " -x -a '" + join(o.choices, " ") + "'"
                             : is_rule_option(o)  ? " -x -a '" + rules + "'"
                             : is_file_option(o)  ? " -r -F"
                             : o.takes_value      ? " -x"
                                                  : "";
        if (o.positional) {
          os << "complete -c cfglint " << cond << values << "\n";
          continue;
        }
        os << "complete -c cfglint " << cond;
        for (const auto& n : o.names) os << (n.rfind("--", 0) == 0 ? " -l " + n.substr(2) : " -s " + n.substr(1));
        os << values << " -d '" << replace_all(o.description, "'", "\\'") << "'\n";
      }
    return true;
  }
  return false;
}

}  // namespace cfglint
