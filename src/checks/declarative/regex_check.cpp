// Template "regex": a declarative rule that matches an RE2 pattern over a file's text.
#include "checks/declarative/regex_check.h"

#include <re2/re2.h>

namespace cfglint {
namespace {

class RegexCheck final : public Check {
 public:
  RegexCheck(const RuleSpec& rule, std::string pattern, std::string message)
      : Check(rule), pattern_(std::move(pattern)), message_(std::move(message)), re_(pattern_, options()) {}

  bool ok(std::string& error) const {
    if (!re_.ok()) error = "`pattern` is not a valid RE2 regex: " + re_.error();
    else if (rule_.files.empty()) error = "`files` must name the file kinds to match (e.g. [\"dockerfile\"])";
    return error.empty();
  }

  std::string prefilter() const override { return pattern_; }

  void check_file(const FileUnit& unit, std::vector<Finding>& out) const override {
    re2::StringPiece input(unit.source.text);
    re2::StringPiece groups[10];
    int ngroups = std::min(9, re_.NumberOfCapturingGroups()) + 1;
    size_t pos = 0;
    int count = 0;
    while (pos <= input.size() && count < 200) {
      if (!re_.Match(input, pos, input.size(), RE2::UNANCHORED, groups, ngroups)) break;
      size_t b = groups[0].data() - input.data();
      size_t e = b + groups[0].size();
      std::vector<std::pair<std::string, std::string>> vars{{"match", std::string(groups[0])}};
      for (int g = 1; g < ngroups; ++g) vars.emplace_back(std::to_string(g), std::string(groups[g]));
      // report the first capture group when there is one: it is what the pattern is about
      size_t rb = b, re = e;
      if (ngroups > 1 && groups[1].data()) {
        rb = groups[1].data() - input.data();
        re = rb + groups[1].size();
      }
      out.push_back(finding(unit.source.path, unit.source.lines.span(unit.source.text, rb, re), format_message(message_, vars)));
      ++count;
      pos = e > b ? e : e + 1;
    }
  }

 private:
  static RE2::Options options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    return o;
  }
  std::string pattern_;
  std::string message_;
  RE2 re_;
};

}  // namespace

TemplateInfo regex_template() {
  return {"regex", "Declarative: an RE2 pattern over the text of each file of the given kinds.",
          "pattern (RE2; the first capture group, if any, is the reported range), message ({match}, {1}..{9}), files",
          [](const RuleSpec& rule, const RuleCatalog&, std::string& error) -> std::unique_ptr<Check> {
            auto pattern = rule.params["pattern"].value<std::string>();
            if (!pattern) {
              error = "`pattern` is required";
              return nullptr;
            }
            std::string message = rule.params["message"].value_or(rule.summary);
            auto c = std::make_unique<RegexCheck>(rule, *pattern, message);
            if (!c->ok(error)) return nullptr;
            return c;
          }};
}

}  // namespace cfglint
