// The man page and the shell completions, generated from the command line as it is defined (CLI11's
// own description of every command and option) and from the rule catalog: nothing to keep in step by hand.
#pragma once
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "rules/rule_catalog.h"

namespace cfglint {

// A validator that only documents the accepted values (`TEXT:{a,b}` in --help, choices in completions),
// for options whose values are checked later with a better message.
CLI::Validator choices_hint(const std::vector<std::string>& values);

void write_manpage(std::ostream& os, const CLI::App& app, const RuleCatalog& catalog, const std::string& version);
// `shell` is bash, zsh or fish; false for any other.
bool write_completion(std::ostream& os, const std::string& shell, const CLI::App& app, const RuleCatalog& catalog);

}  // namespace cfglint
