// Helpers shared by the fuzz targets.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cfglint::fuzz {

inline std::string_view text(const uint8_t* data, size_t size) { return {reinterpret_cast<const char*>(data), size}; }

// A project in one input: sections that start with a line `=== relative/path`, the file's bytes after
// it. Paths are kept inside the project (no `..`, no leading `/`); at most 16 files.
inline std::vector<std::pair<std::string, std::string>> project_files(std::string_view in) {
  std::vector<std::pair<std::string, std::string>> files;
  size_t at = 0;
  while (at < in.size() && files.size() < 16) {
    if (in.substr(at, 4) != "=== ") {
      size_t next = in.find("\n=== ", at);
      if (next == std::string_view::npos) break;
      at = next + 1;
      continue;
    }
    size_t eol = in.find('\n', at);
    std::string path(in.substr(at + 4, (eol == std::string_view::npos ? in.size() : eol) - at - 4));
    size_t body = eol == std::string_view::npos ? in.size() : eol + 1;
    size_t end = in.find("\n=== ", body);
    std::string content(in.substr(body, (end == std::string_view::npos ? in.size() : end + 1) - body));
    at = end == std::string_view::npos ? in.size() : end + 1;
    bool safe = !path.empty() && path.size() < 200 && path[0] != '/' && path.find("..") == std::string::npos &&
                path.find('\0') == std::string::npos && path.back() != '/';
    if (safe) files.emplace_back(std::move(path), std::move(content));
  }
  return files;
}

}  // namespace cfglint::fuzz
