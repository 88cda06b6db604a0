#include "cli/output_specs.h"

#include "engine/runner.h"
#include "reporters/reporter.h"

namespace cfglint {

std::vector<OutputSpec> pair_outputs(const CLI::App& cmd, const CLI::Option* format_opt, const CLI::Option* output_opt,
                                     const std::vector<std::string>& formats, const std::vector<std::string>& outputs) {
  std::vector<OutputSpec> specs;
  size_t fi = 0, oi = 0;
  for (const CLI::Option* o : cmd.parse_order()) {
    if (o == format_opt && fi < formats.size()) {
      specs.push_back({formats[fi++], ""});
    } else if (o == output_opt && oi < outputs.size()) {
      if (specs.empty()) specs.push_back({"text", ""});
      if (!specs.back().file.empty())
        throw UsageError("two --output options for one --format: give a --format before each --output");
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

}  // namespace cfglint
