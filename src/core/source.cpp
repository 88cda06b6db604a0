#include "core/source.h"

#include "core/strings.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cfglint {

namespace {
bool has_bom(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF"; }
bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
// The code points that start in text[begin, end): its bytes that are not UTF-8 continuation bytes
// (10xxxxxx), eight at a time. Every column a parser asks for counts the bytes from its line's start.
size_t code_points(std::string_view text, size_t begin, size_t end) {
  size_t points = 0, i = begin;
  for (uint64_t w; i + 8 <= end; i += 8) {
    std::memcpy(&w, text.data() + i, 8);
    points += 8 - static_cast<size_t>(__builtin_popcountll(w & ~(w << 1) & 0x8080808080808080ULL));  // bit 7 set, bit 6 clear
  }
  for (; i < end; ++i) points += starts_code_point(text[i]);
  return points;
}
// Byte i ends a line: \n, or a \r that no \n follows (old Mac line ends).
bool ends_line(std::string_view text, size_t i) {
  return text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'));
}

// Appends the start of every line after the first when \n is the text's only line end (the common
// case); false, with `starts` as it was, when the text holds a \r. With SSE2, 64 bytes a step, \r looked
// for in the same pass: a memchr call per line took twice the time on source files, whose lines run
// about 35 bytes (timed on CPython's standard library; instruction counts hide it, a wide memchr
// instruction being counted as one).
bool add_lf_line_starts(std::string_view text, std::vector<uint32_t>& starts) {
  const char* base = text.data();
  const size_t n = text.size(), before = starts.size();
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  __m128i any_cr = _mm_setzero_si128();
  auto lf_bits = [&](__m128i v, int shift) {
    return static_cast<uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)))) << shift;
  };
  for (; i + 64 <= n; i += 64) {
    __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + i));
    __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + i + 16));
    __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + i + 32));
    __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + i + 48));
    any_cr = _mm_or_si128(any_cr, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, cr), _mm_cmpeq_epi8(b, cr)),
                                               _mm_or_si128(_mm_cmpeq_epi8(c, cr), _mm_cmpeq_epi8(d, cr))));
    for (uint64_t ends = lf_bits(a, 0) | lf_bits(b, 16) | lf_bits(c, 32) | lf_bits(d, 48); ends != 0; ends &= ends - 1)
      starts.push_back(static_cast<uint32_t>(i + static_cast<size_t>(__builtin_ctzll(ends)) + 1));
  }
  if (_mm_movemask_epi8(any_cr) != 0) {
    starts.resize(before);
    return false;
  }
#else
  if (std::memchr(base, '\r', n) != nullptr) return false;
  for (const char* p = base; (p = static_cast<const char*>(std::memchr(p, '\n', n - (p - base)))) != nullptr;)
    starts.push_back(static_cast<uint32_t>(++p - base));
  i = n;
#endif
  for (; i < n; ++i) {
    if (base[i] == '\r') {
      starts.resize(before);
      return false;
    }
    if (base[i] == '\n') starts.push_back(static_cast<uint32_t>(i + 1));
  }
  return true;
}
}  // namespace

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  lf_only_ = add_lf_line_starts(text, starts_);
  if (!lf_only_) {
    for (size_t i = 0; i < text.size(); ++i)
      if (ends_line(text, i)) starts_.push_back(static_cast<uint32_t>(i + 1));
  }
  const size_t n = text.size();
  for (size_t line = 0; line < starts_.size(); ++line) {
    size_t b = line_content_start(text, line + 1);
    size_t e = line + 1 < starts_.size() ? starts_[line + 1] : n;
    if (e - b > kBlock) add_checkpoints(text, b, e);
  }
}

size_t LineIndex::line_content_start(std::string_view text, size_t line) const {
  size_t start = starts_[line - 1];
  return line == 1 && has_bom(text) ? std::min<size_t>(3, text.size()) : start;  // a BOM is not a column
}

// Every kBlock bytes of a long line, the column there, so a lookup counts at most one block of bytes.
void LineIndex::add_checkpoints(std::string_view text, size_t begin, size_t end) {
  uint32_t column = 1;
  for (size_t i = begin; i < end; ++i) {
    if ((i - begin) % kBlock == 0 && i > begin) checkpoints_.push_back({static_cast<uint32_t>(i), column});
    if (starts_code_point(text[i])) ++column;
  }
}

Position LineIndex::at(std::string_view text, size_t offset) const {
  if (starts_.empty()) return {1, 1};
  offset = std::min(offset, text.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<uint32_t>(offset));
  size_t line = static_cast<size_t>(it - starts_.begin());  // 1-based
  size_t start = line_content_start(text, line);
  uint32_t column = 1;
  if (offset > start + kBlock) {  // resume from the last checkpoint of this line before `offset`
    auto cp = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), static_cast<uint32_t>(offset),
                               [](uint32_t o, const Checkpoint& c) { return o < c.offset; });
    if (cp != checkpoints_.begin() && std::prev(cp)->offset > start) {
      column = std::prev(cp)->column;
      start = std::prev(cp)->offset;
    }
  }
  column += static_cast<uint32_t>(code_points(text, start, offset));
  return {static_cast<uint32_t>(line), column};
}

PositionCursor::PositionCursor(std::string_view text, const LineIndex& lines)
    : text_(text), lines_(lines), ascii_(is_ascii(text)) {
  if (has_bom(text)) offset_ = 3;  // a BOM is not a column
}

Position PositionCursor::at(size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < offset_) {
    pos_ = lines_.at(text_, offset);
  } else if (!lines_.lf_only()) {  // a lone \r ends a line too: counted byte by byte
    for (size_t i = offset_; i < offset; ++i) {
      if (ends_line(text_, i)) {
        ++pos_.line;
        pos_.column = 1;
      } else if (starts_code_point(text_[i])) {
        ++pos_.column;
      }
    }
  } else {  // \n ends every line: the index's line starts after the current line say where `offset` is
    size_t from = offset_;
    for (size_t next; pos_.line < lines_.line_count() && (next = lines_.line_start(pos_.line + 1)) <= offset; ++pos_.line) {
      from = next;
      pos_.column = 1;
    }
    pos_.column += static_cast<uint32_t>(ascii_ ? offset - from : code_points(text_, from, offset));
  }
  offset_ = offset;
  return pos_;
}

std::string_view LineIndex::line_text(std::string_view text, uint32_t line) const {
  if (line == 0 || line > starts_.size()) return {};
  size_t b = starts_[line - 1];
  size_t e = line < starts_.size() ? starts_[line] : text.size();
  while (e > b && (text[e - 1] == '\n' || text[e - 1] == '\r')) --e;
  return text.substr(b, e - b);
}

std::string read_whole_file(const std::string& path) {
  std::string text;
  uint64_t size = 0;
  if (read_file(path, UINT64_MAX, text, size) != ReadStatus::Ok) text.clear();
  return text;
}

ReadStatus read_file(const std::string& path, uint64_t max_size, std::string& out, uint64_t& size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ReadStatus::CannotOpen;
  struct stat st;
  ReadStatus status = ReadStatus::Ok;
  if (::fstat(fd, &st) != 0) {
    status = ReadStatus::ReadFailed;
  } else if (!S_ISREG(st.st_mode)) {  // a pipe or device (`--config <(...)`): read to its end
    char buf[65536];
    ssize_t n;
    out.clear();
    while ((n = ::read(fd, buf, sizeof buf)) != 0) {
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) { status = ReadStatus::ReadFailed; break; }
      out.append(buf, static_cast<size_t>(n));
      if (out.size() > max_size) { status = ReadStatus::TooLarge; break; }
    }
    size = out.size();
  } else if (size = static_cast<uint64_t>(st.st_size); size > max_size) {
    status = ReadStatus::TooLarge;
  } else {
    out.resize(size);
    size_t got = 0;
    while (got < size) {
      ssize_t n = ::read(fd, out.data() + got, size - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    if (got != size) status = ReadStatus::ReadFailed;  // shrunk while read
  }
  ::close(fd);
  return status;
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
    case FileKind::Nginx: return "nginx";
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
