#include "engine/suppressions.h"

#include "core/strings.h"

#include <cstring>

namespace cfglint {

namespace {

constexpr std::string_view kTripleDouble = "\"\"\"";
constexpr std::string_view kTripleSingle = "'''";

// Narrows `line` to its parts outside triple-quoted strings, tracking `open` (the quote still open, or
// empty) across lines; false when the whole line is inside a string. A suppression marker after a string
// that closes on the same line is not looked for: the part before an opening quote is what counts.
bool in_code_part(std::string_view& line, std::string_view& open) {
  size_t from = 0;
  if (!open.empty()) {
    size_t close = line.find(open);
    if (close == std::string_view::npos) return false;
    open = {};
    from = close + 3;
  }
  for (size_t i = from; i + 3 <= line.size();) {
    std::string_view q = line.substr(i, 3);
    if (q != kTripleDouble && q != kTripleSingle) {
      ++i;
      continue;
    }
    size_t close = line.find(q, i + 3);
    if (close == std::string_view::npos) {  // opens here, closes on a later line
      open = q == kTripleDouble ? kTripleDouble : kTripleSingle;
      line = line.substr(from, i - from);
      return true;
    }
    i = close + 3;
  }
  line = line.substr(from);
  return true;
}

}  // namespace

std::vector<Suppression> scan_suppressions(const SourceFile& file) {
  std::vector<Suppression> out;
  if (file.kind == FileKind::Json || file.kind == FileKind::PipfileLock) return out;
  std::string_view text = file.text;
  // Most files name no marker: one memmem over the text instead of a walk over its lines.
  if (!contains_text(text, "cfglint:")) return out;
  std::vector<size_t> pending;  // own-line suppressions waiting for the next code line
  // TOML and Python triple-quoted strings: a `#` inside one is text, not a comment (rule examples).
  bool triple_quotes = file.kind == FileKind::Python || file.kind == FileKind::Toml || file.kind == FileKind::Pyproject;
  std::string_view open_quote;
  for (uint32_t line = 1; line <= file.lines.line_count(); ++line) {
    std::string_view full = file.lines.line_text(text, line);
    std::string_view l = full;
    if (triple_quotes && !in_code_part(l, open_quote)) continue;
    size_t col0 = static_cast<size_t>(l.data() - full.data());  // where `l` starts within the line
    std::string_view t = trim(l);
    size_t hash = l.find('#');
    size_t marker = std::string_view::npos;
    while (hash != std::string_view::npos) {
      size_t word = l.find_first_not_of(" \t", hash + 1);  // left side only: trimming both is quadratic on `###   `
      if (word != std::string_view::npos && l.substr(word, 8) == "cfglint:") {
        marker = hash;
        break;
      }
      hash = l.find('#', hash + 1);
    }
    bool own_line = marker != std::string_view::npos && trim(l.substr(0, marker)).empty();
    if (!t.empty() && !own_line && t[0] != '#') {
      for (size_t i : pending) out[i].target_line = line;
      pending.clear();
    }
    if (marker == std::string_view::npos) continue;
    std::string_view body = trim(trim(l.substr(marker + 1)).substr(8));
    Suppression s;
    size_t line_start = file.lines.line_start(line);
    s.comment = file.lines.span(text, line_start + col0 + marker, line_start + col0 + l.size());
    if (body.substr(0, 11) == "ignore-file") {
      s.file_level = true;
      body.remove_prefix(11);
    } else if (body.substr(0, 6) == "ignore") {
      body.remove_prefix(6);
    } else {
      continue;  // not ours (e.g. a future directive)
    }
    if (!body.empty() && body[0] == '[') {
      size_t close = body.find(']');
      std::string_view list = body.substr(1, close == std::string_view::npos ? body.size() - 1 : close - 1);
      for (auto r : split(list, ',')) {
        r = trim(r);
        if (!r.empty()) s.rules.emplace_back(r);
      }
      body = close == std::string_view::npos ? std::string_view{} : body.substr(close + 1);
    }
    s.reason = std::string(trim(body));
    if (s.file_level) {
      out.push_back(std::move(s));
    } else if (own_line) {
      pending.push_back(out.size());
      out.push_back(std::move(s));
    } else {
      s.target_line = line;
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace cfglint
