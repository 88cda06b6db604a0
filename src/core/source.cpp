#include "core/source.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace cfglint {

namespace {
bool has_bom(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF"; }
bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
}  // namespace

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  block_columns_.reserve(text.size() / kBlock + 1);
  uint32_t column = 1;
  size_t counted_from = has_bom(text) ? 3 : 0;  // a BOM is not a column
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) block_columns_.push_back(i < counted_from ? 1 : column);
    if (i >= counted_from && starts_code_point(text[i])) ++column;
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {  // \r alone: old Mac
      starts_.push_back(static_cast<uint32_t>(i + 1));
      column = 1;
    }
  }
}

Position LineIndex::at(std::string_view text, size_t offset) const {
  if (starts_.empty()) return {1, 1};
  offset = std::min(offset, text.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<uint32_t>(offset));
  size_t line = static_cast<size_t>(it - starts_.begin());  // 1-based
  size_t start = starts_[line - 1];
  if (line == 1 && has_bom(text) && offset >= 3) start = 3;
  uint32_t column = 1;
  size_t block = offset / kBlock;
  if (block * kBlock > start && block < block_columns_.size()) {  // resume from the checkpoint on this line
    column = block_columns_[block];
    start = block * kBlock;
  }
  for (size_t i = start; i < offset; ++i)
    if (starts_code_point(text[i])) ++column;  // count code points: skip UTF-8 continuation bytes
  return {static_cast<uint32_t>(line), column};
}

std::string_view LineIndex::line_text(std::string_view text, uint32_t line) const {
  if (line == 0 || line > starts_.size()) return {};
  size_t b = starts_[line - 1];
  size_t e = line < starts_.size() ? starts_[line] : text.size();
  while (e > b && (text[e - 1] == '\n' || text[e - 1] == '\r')) --e;
  return text.substr(b, e - b);
}

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string_view file_kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::Unknown: return "unknown";
    case FileKind::Compose: return "compose";
    case FileKind::Dockerfile: return "dockerfile";
    case FileKind::Kubernetes: return "kubernetes";
    case FileKind::Yaml: return "yaml";
    case FileKind::Dotenv: return "dotenv";
    case FileKind::Python: return "python";
    case FileKind::Requirements: return "requirements";
    case FileKind::Pyproject: return "pyproject";
    case FileKind::Pipfile: return "pipfile";
    case FileKind::PipfileLock: return "pipfile-lock";
    case FileKind::PoetryLock: return "poetry-lock";
    case FileKind::Toml: return "toml";
    case FileKind::Json: return "json";
    case FileKind::Procfile: return "procfile";
    case FileKind::Shell: return "shell";
  }
  return "unknown";
}

bool file_kind_matches(std::string_view selector, FileKind kind) {
  if (selector == "*" || selector == file_kind_name(kind)) return true;
  if (selector == "yaml") return kind == FileKind::Compose || kind == FileKind::Kubernetes || kind == FileKind::Yaml;
  if (selector == "toml") return kind == FileKind::Pyproject || kind == FileKind::Pipfile || kind == FileKind::PoetryLock;
  if (selector == "json") return kind == FileKind::PipfileLock;
  return false;
}

}  // namespace cfglint
