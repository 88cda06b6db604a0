#include "model/written_files.h"

#include "core/strings.h"
#include "model/image_builds.h"

namespace cfglint {
namespace {

void shell_text(const Node* n, const std::string& path, std::vector<WrittenFile>& out) {
  if (!n) return;
  if (n->is_seq()) {
    for (const Node* item : n->items) shell_text(item, path, out);  // GitLab: a list of lines (not nested deeper)
    return;
  }
  if (!n->is_scalar()) return;
  for (const auto& cmd : shell_split(n->text)) add_written_files(cmd, path, n->range.begin.line, out);
}

bool gitlab_ci(const std::string& path) { return basename_of(path).rfind(".gitlab-ci", 0) == 0; }

}  // namespace

void add_written_files(const ShellCommand& cmd, const std::string& file, uint32_t line, std::vector<WrittenFile>& out) {
  for (auto& f : files_written(cmd))
    if (f.rfind("/dev/", 0) != 0 && !basename_of(f).empty()) out.push_back({std::move(f), file, line});
}

std::vector<WrittenFile> files_written_in_ci(const std::string& path, const ParsedTree& tree) {
  std::vector<WrittenFile> out;
  bool github = workflow_checkout(path).has_value(), gitlab = !github && gitlab_ci(path);
  if (!github && !gitlab) return out;
  for (const auto& doc : tree.documents) {
    const Node* root = doc.root;
    if (!root || !root->is_map()) continue;
    if (github) {
      const Node* jobs = root->get("jobs");
      if (!jobs || !jobs->is_map()) continue;
      for (const auto& [name, job] : jobs->entries) {
        const Node* steps = job->get("steps");
        if (steps && steps->is_seq())
          for (const Node* step : steps->items) shell_text(step->get("run"), path, out);
      }
    } else {
      for (const auto& [name, job] : root->entries)
        for (const char* key : {"before_script", "script", "after_script"}) shell_text(job->get(key), path, out);
    }
  }
  return out;
}

const WrittenFile* find_written(const std::vector<WrittenFile>& written, std::string_view path) {
  const std::string name = basename_of(path);
  for (const auto& w : written)
    if (basename_of(w.path) == name) return &w;
  return nullptr;
}

}  // namespace cfglint
