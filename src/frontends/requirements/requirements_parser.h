// Python dependency declarations: requirements files (with -r/-c includes), pyproject.toml (PEP 621 and
// Poetry), Pipfile, Pipfile.lock and poetry.lock. Lock files give exact versions.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/source.h"
#include "frontends/tree/tree.h"

namespace cfglint {

struct Requirement {
  std::string name;       // PEP 503 normalised
  std::string specifier;  // e.g. ">=4.0,<5" ; "" when unconstrained
  bool locked = false;    // from a lock file: specifier is "==version"
  Range range;
};

struct RequirementsFile {
  std::vector<Requirement> requirements;
  std::vector<std::pair<std::string, Range>> includes;  // -r / -c targets, as written
  std::vector<TreeDiagnostic> errors;
};

RequirementsFile parse_requirements(std::string_view text, const LineIndex& lines);
// From parsed TOML/JSON trees; `kind` is the file kind the tree came from.
std::vector<Requirement> requirements_from_tree(FileKind kind, const ParsedTree& tree);
// Splits a PEP 508 string "Django[bcrypt]>=4.2; python_version>'3'" into name and specifier.
bool parse_pep508(std::string_view s, std::string& name, std::string& specifier);

}  // namespace cfglint
