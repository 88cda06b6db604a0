#include "checks/check.h"

namespace cfglint {

bool Check::reads(FileKind kind) const {
  for (const auto& f : rule_.files)
    if (file_kind_matches(f, kind)) return true;
  return false;
}

std::string format_message(std::string_view tmpl, const std::vector<std::pair<std::string, std::string>>& vars) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view key = tmpl.substr(i + 1, close - i - 1);
        bool done = false;
        for (const auto& [k, v] : vars)
          if (k == key) {
            out += v;
            done = true;
            break;
          }
        if (done) {
          i = close;
          continue;
        }
      }
    }
    out += tmpl[i];
  }
  return out;
}

}  // namespace cfglint
