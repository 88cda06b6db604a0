// The check interface. A check is one rule's logic: a template implemented in C++, instantiated from
// the rule's data (its [check] table). Checks know nothing of output formats; they only emit Findings.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"
#include "frontends/dockerfile/dockerfile_parser.h"
#include "frontends/dotenv/dotenv_parser.h"
#include "frontends/requirements/requirements_parser.h"
#include "frontends/tree/tree.h"
#include "model/project.h"
#include "rules/rule_catalog.h"

namespace cfglint {

// One parsed file, as a per-file check sees it. Only the member for the file's format is set.
struct FileUnit {
  const SourceFile& source;
  const ParsedTree* tree = nullptr;
  const Dockerfile* dockerfile = nullptr;
  const EnvFile* env = nullptr;
  const RequirementsFile* requirements = nullptr;
};

class Check {
 public:
  explicit Check(const RuleSpec& rule) : rule_(rule) {}
  virtual ~Check() = default;

  // Per-file work runs in parallel on many files: implementations must be const and thread-safe.
  virtual bool reads(FileKind kind) const;
  virtual void check_file(const FileUnit&, std::vector<Finding>&) const {}
  // Cross-file work on the whole deployment model, after every file was read. Project checks run on
  // several threads at once, each check on one: the model is read-only (its lazily made answers are
  // filled under locks), and check_project is const: a check changes no state of its own.
  virtual void check_project(const Project&, std::vector<Finding>&) const {}
  // A regex the file's text must match for check_file to have anything to say (lets the engine skip
  // files with one RE2::Set pass over all such checks). Empty: always run.
  virtual std::string prefilter() const { return {}; }

  const RuleSpec& rule() const { return rule_; }

 protected:
  Finding finding(const std::string& file, Range range, std::string message) const {
    Finding f;
    f.rule_id = rule_.id;
    f.where = {file, range, {}};
    f.message = std::move(message);
    return f;
  }
  const RuleSpec& rule_;
};

struct TemplateInfo {
  std::string name;
  std::string description;
  std::string parameters;  // documentation of the [check] keys it reads
  // Builds the check or explains (in `error`) which parameter is wrong.
  std::function<std::unique_ptr<Check>(const RuleSpec&, const RuleCatalog&, std::string& error)> make;
};

// A template whose check takes no parameters beyond `files`.
template <typename CheckT>
TemplateInfo simple_template(std::string name, std::string description) {
  return {std::move(name), std::move(description), "files",
          [](const RuleSpec& rule, const RuleCatalog&, std::string&) -> std::unique_ptr<Check> {
            return std::make_unique<CheckT>(rule);
          }};
}

// A template whose check is built from the rule and the catalog (its knowledge tables, the data the app
// registry reads), and takes no parameters beyond `files`.
template <typename CheckT>
TemplateInfo catalog_template(std::string name, std::string description) {
  return {std::move(name), std::move(description), "files",
          [](const RuleSpec& rule, const RuleCatalog& catalog, std::string&) -> std::unique_ptr<Check> {
            return std::make_unique<CheckT>(rule, catalog);
          }};
}

// Project-level checks read no single file.
class ProjectCheck : public Check {
 public:
  using Check::Check;
  bool reads(FileKind) const override { return false; }

 protected:
  // A finding about a compose service that has `profiles:`: `docker compose up` ignores it unless one
  // of them is enabled, so the failure is not the default deployment's. Said so, and never an error.
  Finding under_profiles(Finding f, const std::vector<std::string>& profiles) const {
    if (profiles.empty()) return f;
    f.message += " (only with `--profile " + profiles.front() + "`" + (profiles.size() > 1 ? " or another of its profiles" : "") + ")";
    Severity s = f.severity_override.value_or(rule_.severity);
    if (s == Severity::Error) f.severity_override = Severity::Warning;
    return f;
  }
};

// Every template, registered in one place (checks/registry.cpp).
const std::vector<TemplateInfo>& check_templates();
const TemplateInfo* find_template(std::string_view name);

// Replaces {name} placeholders in a message template.
std::string format_message(std::string_view tmpl, const std::vector<std::pair<std::string, std::string>>& vars);

}  // namespace cfglint
