// Source files, positions and ranges shared by every layer.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cfglint {

// 1-based line and column; columns count Unicode code points (SARIF columnKind unicodeCodePoints).
struct Position {
  uint32_t line = 0;
  uint32_t column = 0;
  auto operator<=>(const Position&) const = default;
};

// [begin, end): end is one past the last character, as SARIF's endColumn.
struct Range {
  Position begin;
  Position end;
  auto operator<=>(const Range&) const = default;
};

// Maps byte offsets to positions. Built once per file; lookups are O(log lines) plus at most one block of
// bytes: the column is counted from the nearest checkpoint, so one-line files (minified JSON) stay linear.
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);
  Position at(std::string_view text, size_t offset) const;
  Range span(std::string_view text, size_t begin, size_t end) const {
    return {at(text, begin), at(text, end)};
  }
  size_t line_count() const { return starts_.size(); }
  // The text of 1-based line `line` without its line terminator.
  std::string_view line_text(std::string_view text, uint32_t line) const;
  size_t line_start(uint32_t line) const { return line >= 1 && line <= starts_.size() ? starts_[line - 1] : 0; }
  // \n is the text's only line end: it holds no \r.
  bool lf_only() const { return lf_only_; }

 private:
  struct Checkpoint {
    uint32_t offset;
    uint32_t column;
  };
  size_t line_content_start(std::string_view text, size_t line) const;
  void add_checkpoints(std::string_view text, size_t begin, size_t end);

  static constexpr size_t kBlock = 256;
  std::vector<uint32_t> starts_;
  std::vector<Checkpoint> checkpoints_;  // inside lines longer than kBlock only, by offset
  bool lf_only_ = true;
};

// Positions of offsets asked in increasing order, as a parser's events come: each step forward counts
// only the bytes since the previous one (a file's positions cost one pass over it, not a search and a
// column count each); a step back asks the index. Same positions as LineIndex::at.
class PositionCursor {
 public:
  PositionCursor(std::string_view text, const LineIndex& lines);  // `lines`: the index of `text`
  Position at(size_t offset);

 private:
  std::string_view text_;
  const LineIndex& lines_;
  bool ascii_;  // no multi-byte character: a column is a byte count
  size_t offset_ = 0;
  Position pos_{1, 1};
};

enum class FileKind : uint8_t {
  Unknown,
  Compose,
  Dockerfile,
  Kubernetes,  // decided after parsing a YAML file (apiVersion + kind)
  Yaml,        // other YAML
  Dotenv,
  Python,
  Requirements,
  Pyproject,
  Pipfile,
  PipfileLock,
  PoetryLock,
  Toml,
  Json,
  Procfile,
  Shell,
  Nginx,  // nginx configuration: by name (nginx.conf, *.conf under an nginx/, conf.d/ or sites-*/ folder), or mounted into /etc/nginx
};

std::string_view file_kind_name(FileKind kind);
// Accepts the names file_kind_name() returns, plus "yaml" matching every YAML-based kind.
bool file_kind_matches(std::string_view selector, FileKind kind);

// The whole content of a file ("" when it cannot be read).
std::string read_whole_file(const std::string& path);

// Reads a file of at most `max_size` bytes into `out` with one open, fstat and read: no stream
// buffers or seeks (the engine reads 70,000 files on a monorepo). `size` is the file's size.
enum class ReadStatus { Ok, CannotOpen, TooLarge, ReadFailed };
ReadStatus read_file(const std::string& path, uint64_t max_size, std::string& out, uint64_t& size);

struct SourceFile {
  std::string path;  // relative to the project root, '/' separated
  std::string abs_path;
  FileKind kind = FileKind::Unknown;
  std::string text;
  LineIndex lines;
};

}  // namespace cfglint
