// A finding: what a check reports. Checks fill rule, location, message and evidence;
// the engine resolves severity, suppression and fingerprint.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/source.h"

namespace cfglint {

enum class Severity : uint8_t { Note = 0, Warning = 1, Error = 2 };
std::string_view severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

struct Location {
  std::string file;  // project-relative path
  Range range;
  std::string message;  // what this location shows (for evidence chains)
};

// An edge of the deployment graph (`cfglint graph`): node ids as the graph prints them
// ("service:compose.yaml#web" -[loads]-> "settings:shop/settings.py").
struct GraphEdge {
  std::string from, to;
  std::string label;
  auto operator<=>(const GraphEdge&) const = default;
};

struct Finding {
  std::string rule_id;  // e.g. CFG003; the engine maps names to ids
  Location where;
  std::string message;
  std::vector<Location> related;  // evidence in this or other files, in chain order
  std::vector<GraphEdge> graph_edges;  // the links of the deployment model a cross-file finding rests on
  std::optional<Severity> severity_override;  // a check may lower severity (e.g. unknown version)

  // Filled by the engine.
  Severity severity = Severity::Warning;
  bool suppressed = false;
  std::string suppression_reason;
  std::string fingerprint;
  std::string snippet;  // the source text of the first line of `where`
};

}  // namespace cfglint
