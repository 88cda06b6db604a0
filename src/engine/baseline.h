// Baselines: record today's findings so that `check --baseline` reports only new ones.
// Entries match by rule, file and fingerprint (rule + file + normalised source line + occurrence),
// so findings survive lines moving up or down.
#pragma once
#include <string>
#include <vector>

#include "engine/runner.h"

namespace cfglint {

struct BaselineEntry {
  std::string rule;
  std::string file;
  std::string fingerprint;
  std::string message;  // for humans reading the file
};

std::string write_baseline(const RunResult& result);  // JSON text
// Parses a baseline file's text; throws UsageError with the problem on bad input.
std::vector<BaselineEntry> parse_baseline(const std::string& text, const std::string& path);
// Drops findings that are in the baseline; returns how many baseline entries matched nothing (fixed).
size_t apply_baseline(RunResult& result, const std::vector<BaselineEntry>& baseline);

}  // namespace cfglint
