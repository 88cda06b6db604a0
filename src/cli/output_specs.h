// Which format goes where: each --output belongs to the --format given before it on the command line.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace cfglint {

struct OutputSpec {
  std::string format;
  std::string file;  // "" = standard output
};

// An --output before any --format is for the default text format. Throws UsageError for an unknown format,
// two outputs for one format, or more than one format on standard output.
std::vector<OutputSpec> pair_outputs(const CLI::App& cmd, const CLI::Option* format_opt, const CLI::Option* output_opt,
                                     const std::vector<std::string>& formats, const std::vector<std::string>& outputs);

}  // namespace cfglint
