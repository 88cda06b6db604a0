// Durations as Docker and Compose write them: "1m30s", "10s", "500ms", "1h", "1.5s"; a bare number in
// compose is nanoseconds... but nobody means that, so bare numbers are rejected as compose does.
#pragma once
#include <optional>
#include <string_view>

namespace cfglint {

// Seconds, or nullopt when `text` is not a Go duration (what compose and the Dockerfile accept).
std::optional<double> parse_duration(std::string_view text);

}  // namespace cfglint
