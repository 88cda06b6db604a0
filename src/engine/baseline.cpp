#include "engine/baseline.h"

#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/strings.h"

namespace cfglint {

std::string write_baseline(const RunResult& result) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& f : result.findings) {
    if (f.suppressed) continue;
    entries.push_back({{"rule", f.rule_id}, {"file", f.where.file}, {"fingerprint", f.fingerprint}, {"message", f.message}});
  }
  nlohmann::json j = {{"cfglint_baseline", 1}, {"findings", entries}};
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::vector<BaselineEntry> parse_baseline(const std::string& text, const std::string& path) {
  std::vector<BaselineEntry> out;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw UsageError(path + ": not a cfglint baseline (invalid JSON at byte " + std::to_string(e.byte) + ")");
  }
  if (!j.is_object() || !j.contains("cfglint_baseline") || !j.contains("findings") || !j["findings"].is_array())
    throw UsageError(path + ": not a cfglint baseline (make one with `cfglint baseline --output " + path + "`)");
  for (const auto& e : j["findings"]) {
    if (!e.is_object() || !e.contains("rule") || !e.contains("file") || !e.contains("fingerprint"))
      throw UsageError(path + ": every baseline entry needs rule, file and fingerprint");
    out.push_back({e["rule"].get<std::string>(), e["file"].get<std::string>(), e["fingerprint"].get<std::string>(),
                   e.value("message", std::string())});
  }
  return out;
}

size_t apply_baseline(RunResult& result, const std::vector<BaselineEntry>& baseline) {
  std::map<std::tuple<std::string, std::string, std::string>, size_t> remaining;
  for (const auto& e : baseline) ++remaining[{e.rule, e.file, e.fingerprint}];
  std::vector<Finding> kept;
  for (auto& f : result.findings) {
    auto it = remaining.find({f.rule_id, to_valid_utf8(f.where.file), f.fingerprint});  // as written (JSON is UTF-8)
    if (!f.suppressed && it != remaining.end() && it->second > 0) {
      --it->second;
      continue;
    }
    kept.push_back(std::move(f));
  }
  result.findings = std::move(kept);
  size_t fixed = 0;
  for (const auto& [k, n] : remaining) fixed += n;
  return fixed;
}

}  // namespace cfglint
