#include "model/duration.h"

#include <cctype>
#include <string>

namespace cfglint {

std::optional<double> parse_duration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s == "0") return 0.0;
  double total = 0;
  size_t i = 0;
  bool any = false;
  while (i < s.size()) {
    size_t b = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    if (i == b) return std::nullopt;
    double value;
    try {
      value = std::stod(std::string(s.substr(b, i - b)));
    } catch (...) {
      return std::nullopt;
    }
    size_t u = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    std::string_view unit = s.substr(u, i - u);
    double mult;
    if (unit == "h") mult = 3600;
    else if (unit == "m") mult = 60;
    else if (unit == "s") mult = 1;
    else if (unit == "ms") mult = 1e-3;
    else if (unit == "us" || unit == "\xC2\xB5s") mult = 1e-6;
    else if (unit == "ns") mult = 1e-9;
    else return std::nullopt;
    total += value * mult;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

}  // namespace cfglint
